import Console
import Testing

@testable import ConsoleApp
@testable import Model

/// The triage workflow as effects: audit `begin`, then (only if it was appended) the write, then the outcome.
@Suite struct TriageFlowTests {
    static let expected = [
        TriageTarget(id: 1, displayId: "API-1", expected: IssueStatus(status: 0, substatus: 7)),
        TriageTarget(id: 2, displayId: "WEB-ZA", expected: IssueStatus(status: 0, substatus: 6)),
    ]

    /// Marks both rows and confirms a resolve; returns the effects of `y`.
    static func confirmResolve(_ core: inout AppCore) -> [Effect] {
        _ = core.type("2xx")
        _ = core.type("r")
        #expect(core.frame(now: Fixtures.now).text.contains("resolve — 2 issues"))
        return core.type("y").work
    }

    @Test func auditBeginComesBeforeAnyWrite() throws {
        var core = Fixtures.core(write: true)
        let effects = Self.confirmResolve(&core)
        let job = try #require(core.state.pendingWrite)
        #expect(effects == [.auditBegin(job)], "the write waits for the audit line")
        #expect(job.targets == Self.expected)
        #expect(job.install == "postgres@db:5432/sentry")
        #expect(core.handle(.auditBegan(id: job.id, problem: nil), now: Fixtures.now) == [.writeTriage(job)])
        let done = core.handle(
            .triageFinished(id: job.id, outcomes: [.applied, .skipped("changed since shown")], auditProblem: nil),
            now: Fixtures.now)
        #expect(done.work == [.wake(.issues)])
        #expect(core.state.pendingWrite == nil)
        #expect(core.state.ui.status?.text == "resolve: 1/2 applied · WEB-ZA skipped: changed since shown")
        #expect(core.state.ui.issues.marked.isEmpty)
    }

    @Test func aFailedAuditLineMeansNoWrite() throws {
        var core = Fixtures.core(write: true)
        _ = Self.confirmResolve(&core)
        let job = try #require(core.state.pendingWrite)
        let effects = core.handle(.auditBegan(id: job.id, problem: "No space left on device"), now: Fixtures.now)
        #expect(!effects.contains(.writeTriage(job)))
        #expect(core.state.pendingWrite == nil)
        #expect(core.state.ui.status == Notice("not written: No space left on device", isError: true))
    }

    @Test func targetsAreCapturedWhenTheConfirmationOpens() throws {
        var core = Fixtures.core(write: true)
        _ = core.type("2jr")
        // A refresh re-sorts and changes the rows under the dialog.
        var rows = Fixtures.rows().reversed() as [IssueRow]
        rows[0].status = IssueStatus(status: 1, substatus: nil)
        let snap = IssuesSnapshot(rows: rows, query: "is:unresolved", sort: .lastSeen, takenAt: Fixtures.now + 1)
        _ = core.handle(
            .probe(.issues(.success(snap), at: Fixtures.now + 1, retryAt: Fixtures.now + 3)), now: Fixtures.now + 1)
        _ = core.type("y")
        #expect(try #require(core.state.pendingWrite).targets == [Self.expected[1]])
    }

    @Test func oneWriteAtATime() throws {
        var core = Fixtures.core(write: true)
        _ = Self.confirmResolve(&core)
        _ = core.type("r")
        #expect(core.type("y").work.isEmpty)
        #expect(core.state.ui.status?.text.contains("still running") == true)
    }

    @Test func quitWaitsForTheWriteThenQuits() throws {
        var core = Fixtures.core(write: true)
        _ = Self.confirmResolve(&core)
        let job = try #require(core.state.pendingWrite)
        #expect(core.type("q").work.isEmpty, "no quit while the write runs")
        #expect(core.state.ui.status?.text.contains("waiting for the write") == true)
        let done = core.handle(
            .triageFinished(id: job.id, outcomes: [.applied, .applied], auditProblem: nil), now: Fixtures.now)
        #expect(done == [.quit(0)])
    }

    @Test func aSecondSignalOrTheGraceQuitsAndRecordsTheOutcomeAsUnknown() throws {
        var core = Fixtures.core(write: true)
        _ = Self.confirmResolve(&core)
        let job = try #require(core.state.pendingWrite)
        _ = core.handle(.terminate(code: 143), now: Fixtures.now)
        #expect(core.handle(.terminate(code: 143), now: Fixtures.now + 1) == [.auditAbandoned(job), .quit(143)])

        var slow = Fixtures.core(write: true)
        _ = Self.confirmResolve(&slow)
        let slowJob = try #require(slow.state.pendingWrite)
        _ = slow.type("q")
        #expect(slow.handle(.tick, now: Fixtures.now + 5).work.isEmpty)
        #expect(slow.handle(.tick, now: Fixtures.now + 10) == [.auditAbandoned(slowJob), .quit(0)])
    }
}
