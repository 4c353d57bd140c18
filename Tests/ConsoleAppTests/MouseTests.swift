import Console
import Testing

@testable import ConsoleApp
@testable import Model

/// Clicks and the wheel, hit-tested on the frame as drawn: a row is selected, a column title sorts, a panel
/// takes the focus; nothing a click does writes or confirms.
@Suite struct MouseTests {
    static let now = Fixtures.now

    static func issuesCore() -> AppCore {
        var core = Fixtures.core(size: (100, 30))
        _ = core.type([.char("2")], now: now)
        let snap = IssuesSnapshot(rows: Fixtures.rows(), query: "is:unresolved", sort: .lastSeen, takenAt: now)
        _ = core.handle(.probe(.issues(.success(snap), at: now, retryAt: now + 2)), now: now)
        return core
    }

    /// The (x, y) of the first cell of `text` on the frame.
    static func find(_ text: String, in core: AppCore) -> (Int, Int)? {
        let lines = core.frame(now: now).text.split(separator: "\n", omittingEmptySubsequences: false)
        for (y, line) in lines.enumerated() {
            if let r = line.range(of: text) { return (line.distance(from: line.startIndex, to: r.lowerBound), y) }
        }
        return nil
    }

    @Test func aClickSelectsTheIssueUnderIt() {
        var core = Self.issuesCore()
        let (x, y) = Self.find("WEB-", in: core)!
        _ = core.type([.click(x: x, y: y)], now: Self.now)
        #expect(core.state.ui.issues.selectedId == 2)
    }

    @Test func aClickOnAColumnTitleSortsByIt() {
        var core = Self.issuesCore()
        let (x, y) = Self.find("SEEN", in: core)!
        let effects = core.type([.click(x: x + 1, y: y)], now: Self.now)
        #expect(core.state.ui.issues.sort == .timesSeen, "\(core.frame(now: Self.now).text)")
        #expect(effects.contains(.wake(.issues)))
        let (ax, ay) = Self.find("TITLE", in: core)!
        #expect(core.type([.click(x: ax, y: ay)], now: Self.now).allSatisfy { $0 != .wake(.issues) })
    }

    @Test func theWheelMovesTheSelectionThreeRowsANotch() {
        var core = Self.issuesCore()
        _ = core.type([.wheelDown], now: Self.now)
        #expect(core.state.ui.issues.selectedId == 2, "two rows: the last one")
        _ = core.type([.wheelUp], now: Self.now)
        #expect(core.state.ui.issues.selectedId == 1)
    }

    @Test func onTheOverviewAClickFocusesAPanelAndPicksAQueue() {
        var core = Fixtures.core(size: (100, 30))
        var r = Fixtures.redis(at: Self.now)
        r.queues = [
            QueueSample(name: "events.save_event", depth: 12, byPriority: [12, 0, 0, 0], source: .binding),
            QueueSample(name: "email", depth: 3, byPriority: [3, 0, 0, 0], source: .binding),
        ]
        _ = core.handle(.probe(.redis(.success(r), at: Self.now, retryAt: Self.now + 2)), now: Self.now)
        let (dx, dy) = Self.find("Database", in: core)!
        _ = core.type([.click(x: dx, y: dy + 2)], now: Self.now)
        #expect(core.state.ui.focus == .database)
        let (x, y) = Self.find("email", in: core)!
        _ = core.type([.click(x: x, y: y)], now: Self.now)
        #expect(core.state.ui.focus == .queues && core.state.ui.queueSelection == 1)
        _ = core.type([.enter], now: Self.now)
        #expect(core.state.ui.queueDetail?.queue == "email")
    }
}
