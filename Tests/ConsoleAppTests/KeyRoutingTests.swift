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
        #expect(core.cadence(of: .issues) == 5, "off the Issues screen the stream is slower")
        _ = core.type("-")
        _ = core.type("-")
        #expect(core.state.interval == 5)
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
        _ = core.type("j")
        #expect(core.state.ui.scroll[.queues] ?? 0 == 0, "keys under help do not scroll the screen")
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
        _ = core.type([.up])
        #expect(core.state.ui.workers.scroll == max(0, bottom - 1), "one key up moves the view at once")
    }

    @Test func resizeClampsTheSelectionIntoView() {
        var core = Fixtures.core(size: (120, 40))
        _ = core.type("2G")
        #expect(core.state.ui.issues.selection == 1)
        _ = core.handle(.resized(width: 80, height: 24), now: Fixtures.now)
        #expect(core.state.size == (80, 24) ? true : false)
        #expect(core.state.ui.issues.scroll <= core.state.ui.issues.selection)
    }

    @Test func copyingAnIssueURLGoesToTheClipboard() {
        var core = Fixtures.core()
        _ = core.type("2")
        #expect(core.type("y").work == [.copy("https://sentry.example.com/organizations/acme/issues/1/")])
        #expect(core.state.ui.status?.text.hasPrefix("copied") == true)
    }
}
