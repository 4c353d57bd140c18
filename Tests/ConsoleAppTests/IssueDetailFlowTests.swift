import Console
import Testing

@testable import ConsoleApp
@testable import Model

/// Opening an issue's detail asks for it; an answer for another issue (a late one) never shows under it.
@Suite struct IssueDetailFlowTests {
    @Test func aLateDetailOfAnotherIssueIsNotShown() {
        var core = Fixtures.core()
        _ = core.type("2")
        #expect(core.type([.enter]).work == [.loadDetail(Fixtures.rows()[0])])
        _ = core.type([.escape, .down])
        #expect(core.type([.enter]).work == [.loadDetail(Fixtures.rows()[1])])
        let t = Fixtures.now
        _ = core.handle(.probe(.issueDetail(id: 1, .failure(ProbeError(.timeout, "first issue")), at: t)), now: t)
        #expect(!core.frame(now: t).text.contains("first issue"), "issue 1's answer arrived while 2 is open")
        _ = core.handle(.probe(.issueDetail(id: 2, .failure(ProbeError(.timeout, "second issue")), at: t)), now: t)
        #expect(core.frame(now: t).text.contains("detail unavailable: second issue"))
    }
}
