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

    /// A buffer flush caught between the two reads makes the live count dip for one refresh: held, not a reset.
    @Test func aDipOfTheLiveCountAloneIsHeldNotAReset() {
        var r = IssueRates()
        var a = row(1, 100)
        a.pendingTimesSeen = 30
        r.observe([a], at: 0)
        a = row(1, 110)  // 30 flushed, 10 of them already stored; the other 20 not yet visible anywhere
        a.pendingTimesSeen = 0
        r.observe([a], at: 10)
        a = row(1, 150)
        a.pendingTimesSeen = 5
        r.observe([a], at: 20)
        #expect(r.recent(1, now: 20)?.count == 25, "130 → 155 across the dip, history kept")
    }

    @Test func aDropOfTheStoredCountRestarts() {
        var r = IssueRates()
        r.observe([row(1, 100)], at: 0)
        r.observe([row(1, 120)], at: 10)
        r.observe([row(1, 5)], at: 20)  // merged away or reset
        r.observe([row(1, 9)], at: 30)
        #expect(r.recent(1, now: 30)?.count == 4)
    }
}

/// A refresh whose buffer read missed its deadline keeps the last pending count while nothing was flushed.
struct PendingCarryTests {
    func snapshot(_ rows: [(id: Int64, stored: Int64, pending: Int64?)]) -> IssuesSnapshot {
        IssuesSnapshot(
            rows: rows.map { r in
                var row = IssueRow(
                    id: r.id, projectId: 1, projectSlug: "api", shortId: r.id, level: 40, title: "t", culprit: "c",
                    status: IssueStatus(status: 0, substatus: 3), timesSeen: r.stored, firstSeen: 0, lastSeen: 0)
                row.pendingTimesSeen = r.pending
                return row
            }, query: "", sort: .lastSeen, takenAt: 0)
    }

    @Test func unknownPendingIsCarriedOnlyWhileTheStoredCountStands() {
        let before = snapshot([(1, 100, 7), (2, 50, 3), (3, 10, nil)])
        let now = snapshot([(1, 100, nil), (2, 53, nil), (3, 10, nil), (4, 1, nil)])
        let rows = now.carryingPending(from: before).rows
        #expect(rows.map(\.pendingTimesSeen) == [7, nil, nil, nil])
        #expect(
            snapshot([(1, 100, 9)]).carryingPending(from: before).rows[0].pendingTimesSeen == 9, "a fresh read wins")
    }

    @Test func theConsoleStateShowsTheCarriedCount() {
        var s = ConsoleState()
        s.apply(.issues(.success(snapshot([(1, 100, 7)])), at: 0, retryAt: 5))
        s.apply(.issues(.success(snapshot([(1, 100, nil)])), at: 5, retryAt: 10))
        #expect(s.issues.latest?.rows.first?.liveTimesSeen == 107)
    }
}
