import Testing

@testable import Model

/// Per-issue rates from times_seen deltas, with an injected clock.
struct IssueRatesTests {
    func row(_ id: Int64, _ seen: Int64) -> IssueRow {
        IssueRow(
            id: id, projectId: 1, projectSlug: "api", shortId: id, level: 40, title: "t", culprit: "c",
            status: IssueStatus(status: 0, substatus: 7), timesSeen: seen, firstSeen: 0, lastSeen: 0)
    }

    @Test func countsEventsInTheWindowAndPerMinute() {
        var r = IssueRates(windowMinutes: 10)
        for t in stride(from: 0.0, through: 900, by: 10) { r.observe([row(1, Int64(t / 10) * 6)], at: t) }  // 36/min
        let recent = r.recent(1, now: 900)!
        #expect(recent.count == 360)
        #expect(recent.covered == 600)
        #expect(abs(r.perMinute(1, now: 900)! - 36) < 0.001)
        #expect(abs(r.baselinePerMinute(1, now: 900)! - 36) < 0.001)
        let b = r.buckets(1, now: 900)
        #expect(b.count == 10)
        #expect(b.reduce(0, +) == 360)
    }

    @Test func thinsPointsAndResetsOnDrop() {
        var r = IssueRates()
        r.observe([row(1, 10)], at: 0)
        r.observe([row(1, 11)], at: 1)  // thinned: under 5 s
        #expect(r.recent(1, now: 1) == nil)
        r.observe([row(1, 20)], at: 6)
        #expect(r.recent(1, now: 6)!.count == 10)
        r.observe([row(1, 3)], at: 12)  // merged/reset: history restarts
        #expect(r.recent(1, now: 12) == nil)
        #expect(r.perMinute(1, now: 12) == nil)
    }

    @Test func boundedNumberOfIssues() {
        var r = IssueRates(maxIssues: 3)
        for i in 1...5 { r.observe([row(Int64(i), 1)], at: Double(i)) }
        #expect(r.trackedCount == 3)
        #expect(r.recent(1, now: 10) == nil)
    }

    @Test func pendingBufferIncrementsCount() {
        var r = IssueRates()
        var a = row(1, 100)
        r.observe([a], at: 0)
        a.pendingTimesSeen = 7
        r.observe([a], at: 10)
        #expect(r.recent(1, now: 10)!.count == 7)
    }
}
