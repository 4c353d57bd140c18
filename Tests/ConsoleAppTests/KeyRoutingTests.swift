import Console
import Testing

@testable import ConsoleApp
@testable import Model

/// Keys per screen through the real key maps: what they change and which effects they ask for.
@Suite struct KeyRoutingTests {
    @Test func overviewScrollsSwitchesScreensAndQuits() {
        var core = Fixtures.core()
        #expect(core.type("2").work == [.wake(.issues)], "opening Issues refreshes the stream at once")
        #expect(core.state.ui.screen == .issues)
        _ = core.type("1")
        #expect(core.state.ui.screen == .overview)
        _ = core.type([.tab])
        #expect(core.state.ui.focus == .database)
        #expect(core.type("q") == [.quit(0)])
    }

    @Test func fasterWakesEverySamplerAndSetsTheOneInterval() {
        var core = Fixtures.core()
        #expect(core.type("+").work == SamplerID.allCases.map { Effect.wake($0) })
        #expect(core.state.interval == 1)
        #expect(core.cadence(of: .postgres) == 1)
        #expect(core.cadence(of: .issues) == 15, "off the Issues screen the stream is slower")
        _ = core.type("-")
        _ = core.type("-")
        #expect(core.state.interval == 5)
        #expect(core.state.data.sparkBucket == 25, "the data follows the one interval (5 intervals per cell)")
        #expect(core.type("-").work.isEmpty, "slower wakes nobody")
    }

    @Test func pauseAndResumeWakesTheSamplers() {
        var core = Fixtures.core()
        #expect(core.type(" ").work.isEmpty)
        #expect(core.state.paused)
        #expect(core.type(" ").work.count == SamplerID.allCases.count)
    }

    @Test(arguments: ["r", "e", "u", "a", "A", "b", "v"] as [Character])
    func everyTriageKeyIsRefusedReadOnly(key: Character) {
        var core = Fixtures.core()
        _ = core.type("2")
        let effects = core.type([.char(key)])
        #expect(effects.work.isEmpty, "nothing to do for the runtime")
        #expect(core.state.ui.issues.modal == nil)
        #expect(core.state.ui.status?.isError == true)
        #expect(core.frame(now: Fixtures.now).line(39).contains("read-only: triage needs --write"))
    }

    @Test func aFilterLineTakesEveryKeyIncludingQuitAndScreenKeys() {
        var core = Fixtures.core()
        _ = core.type("3/")
        let effects = core.type("q1")
        #expect(!effects.contains(.quit(0)))
        #expect(core.state.ui.screen == .workers)
        #expect(core.state.ui.workers.editing == "q1")
        _ = core.type([.escape, .escape])
        #expect(core.state.ui.workers.editing == nil)
    }

    @Test func theStatusLineClearsOnTheNextKey() {
        var core = Fixtures.core()
        _ = core.type("2r")
        #expect(core.state.ui.status != nil)
        _ = core.type("j")
        #expect(core.state.ui.status == nil)
    }

    @Test func helpTakesOnlyGlobalKeysAndEscCloses() {
        var core = Fixtures.core()
        _ = core.type("?")
        #expect(core.state.ui.showHelp)
        _ = core.type([.tab])
        #expect(core.state.ui.focus == .queues, "keys under help do not reach the screen")
        _ = core.type([.escape])
        #expect(!core.state.ui.showHelp)
    }

    @Test func scrollingPastTheEndIsClampedAtOnce() {
        var core = Fixtures.core()
        _ = core.type(Array(repeating: Key.down, count: 50))
        #expect(core.state.ui.scroll[.queues] == 0, "one queue: nothing to scroll")
        _ = core.type("3")
        _ = core.type(Array(repeating: Key.pageDown, count: 5))
        let bottom = core.state.ui.workers.scroll
        _ = core.type([.pageDown])
        #expect(core.state.ui.workers.scroll == bottom, "the end of the content stops the scroll")
    }

    @Test func resizeKeepsTheSelectionInView() {
        var core = Fixtures.core(size: (120, 40))
        let rows = (1...60).map { i in
            var r = Fixtures.rows()[0]
            r.id = Int64(i)
            r.lastSeen -= Double(i)
            return r
        }
        let snap = IssuesSnapshot(rows: rows, query: "is:unresolved", sort: .lastSeen, takenAt: Fixtures.now)
        _ = core.handle(.probe(.issues(.success(snap), at: Fixtures.now, retryAt: Fixtures.now + 5)), now: Fixtures.now)
        _ = core.type("2G")
        #expect(core.state.ui.issues.selection == 59)
        let tall = core.state.ui.issues.scroll
        _ = core.handle(.resized(width: 80, height: 24), now: Fixtures.now)
        let visible = 24 - 3 - 2 - 1
        #expect(core.state.ui.issues.scroll > tall, "the list scrolled to keep the selection")
        #expect(core.state.ui.issues.scroll + visible > 59)
    }

    @Test func copyingAnIssueURLGoesToTheClipboard() {
        var core = Fixtures.core()
        _ = core.type("2")
        #expect(core.type("y").work == [.copy("https://sentry.example.com/organizations/acme/issues/1/")])
        #expect(core.state.ui.status?.text.hasPrefix("copied") == true)
    }
}
