import Testing

@testable import Model

/// Events that bypass `nodestore_node` (self-hosted 25.9's SeaweedFS nodestore): told apart from no events at all
/// by issues that keep being seen; events/s is then unknown, never 0.
@Suite struct EventStoreCheckTests {
    /// Postgres samples every 2 s for `seconds`: nodestore inserts `inserts(t)`, newest last_seen `seen(t)`.
    func run(_ seconds: Double, inserts: (Double) -> Int64, seen: (Double) -> Double?) -> ConsoleState {
        var s = ConsoleState()
        for t in stride(from: 0.0, through: seconds, by: 2) {
            var p = Fixture.postgres(at: t, events: inserts(t))
            p.latestIssueSeen = seen(t)
            s.apply(.postgres(.success(p), at: t, retryAt: t + 2))
        }
        return s
    }

    @Test func issuesSeenWithoutNodestoreRowsMeanEventsAreElsewhere() {
        let s = run(130, inserts: { _ in 500 }, seen: { t in 1000 + (t / 10).rounded(.down) * 10 })
        #expect(s.eventStore.elsewhere)
    }

    @Test func notBeforeTheWindowNorOnAQuietInstall() {
        #expect(!run(100, inserts: { _ in 500 }, seen: { t in 1000 + t }).eventStore.elsewhere, "within the window")
        #expect(!run(300, inserts: { _ in 500 }, seen: { _ in 1000 }).eventStore.elsewhere, "no events at all")
        #expect(!run(300, inserts: { _ in 500 }, seen: { _ in nil }).eventStore.elsewhere, "last_seen unreadable")
        #expect(
            !run(300, inserts: { t in 500 + Int64(t) }, seen: { t in 1000 + t }).eventStore.elsewhere, "in Postgres")
    }

    @Test func oneInsertClearsTheVerdict() {
        var s = run(130, inserts: { _ in 500 }, seen: { t in 1000 + t })
        #expect(s.eventStore.elsewhere)
        var p = Fixture.postgres(at: 132, events: 501)
        p.latestIssueSeen = 1132
        s.apply(.postgres(.success(p), at: 132, retryAt: 134))
        #expect(!s.eventStore.elsewhere)
    }

    @Test func ingestIsNotCalledStalledWhileEventsAreElsewhere() {
        // Events were counted in nodestore, then (an upgrade to an S3 nodestore) no more inserts, issues still seen.
        let s = run(200, inserts: { t in t < 40 ? 500 + Int64(t) : 540 }, seen: { t in 1000 + t })
        #expect(s.eventsEverPositive && s.eventStore.elsewhere)
        var state = s
        state.evaluateAlerts(now: 200)
        #expect(!state.alerts.activeKeys.contains { $0.hasPrefix("ingest.stalled") })
    }
}
