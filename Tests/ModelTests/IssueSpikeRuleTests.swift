import Testing

@testable import Model

/// "Issue spike": an issue's last-minute rate against its own baseline.
struct IssueSpikeRuleTests {
    func snapshot(_ seen: Int64, at t: Double) -> ProbeEvent {
        let row = IssueRow(
            id: 7, projectId: 1, projectSlug: "api", shortId: 7, level: 40, title: "t", culprit: "c",
            status: IssueStatus(status: 0, substatus: 3), timesSeen: seen, firstSeen: 0, lastSeen: t)
        return .issues(
            .success(IssuesSnapshot(rows: [row], query: "", sort: .lastSeen, takenAt: t)), at: t, retryAt: t + 5)
    }

    @Test func firesOnAFloodAgainstItsBaselineNotOnSteadyTraffic() {
        var s = ConsoleState()
        var seen: Int64 = 100
        for t in stride(from: 0.0, through: 300, by: 10) {  // 2 events/min for 5 minutes
            s.apply(snapshot(seen, at: t))
            seen += t.truncatingRemainder(dividingBy: 30) == 0 ? 1 : 0
        }
        #expect(!s.alerts.activeKeys.contains { $0.hasPrefix("issue.spike") }, "steady traffic")
        for t in stride(from: 310.0, through: 400, by: 10) {  // then 60/min
            seen += 10
            s.apply(snapshot(seen, at: t))
        }
        let spike = s.alerts.firing.first { $0.key.hasPrefix("issue.spike") }
        #expect(spike != nil, "flood not detected: \(s.alerts.all.map(\.key))")
        #expect(spike?.value.contains("/min vs") == true)
        #expect(spike?.key.contains("API-7") == true)
    }

    @Test func aBusyButSteadyIssueIsNoSpike() {
        var s = ConsoleState()
        for (i, t) in stride(from: 0.0, through: 400, by: 10).enumerated() {  // 60/min throughout
            s.apply(snapshot(Int64(100 + i * 10), at: t))
        }
        #expect(!s.alerts.activeKeys.contains { $0.hasPrefix("issue.spike") }, "60/min against a 60/min baseline")
    }
}
