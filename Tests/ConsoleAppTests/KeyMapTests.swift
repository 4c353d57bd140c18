import Console
import Foundation
import Testing

@testable import ConsoleApp
@testable import Model

/// Footers and help are generated from the key maps that route keys: every key they name does what they say.
@Suite struct KeyMapTests {
    static let screens: [UIState.Screen] = [.overview, .issues, .workers]

    static func frame(_ screen: UIState.Screen, help: Bool = false, write: Bool = false, width: Int = 200) -> Surface {
        var core = Fixtures.core(write: write, size: (width, 40))
        _ = core.type(screen == .overview ? "1" : screen == .issues ? "2" : "3")
        if help { _ = core.type("?") }
        return core.frame(now: Fixtures.now)
    }

    @Test(arguments: screens)
    func everyFooterHintTriggersItsAction(screen: UIState.Screen) {
        let footer = Self.frame(screen).line(39)
        let map = ConsoleView.keyMap(for: screen)
        for b in map.footerHints + GlobalKeys.map.footerHints where b.action != .show(screen) {
            let name = KeyHints.name(of: b, under: map)
            #expect(
                footer.contains("\(name) \(b.footer!.word)") || b.action == .sort || b.action == .togglePause,
                "\(screen): footer lacks \(name) \(b.footer!.word): \(footer)")
            // The named key, looked up the way the core looks it up, is this binding's action.
            guard
                let key = b.keys.first(where: { k in
                    if case .char(let c) = k { return String(c) == name } else { return false }
                })
            else { continue }
            #expect(map.over(GlobalKeys.map).action(for: key) == b.action, "\(screen): \(name) does something else")
        }
    }

    @Test(arguments: screens)
    func helpListsEveryLabelledKeyOfTheScreen(screen: UIState.Screen) {
        let text = Self.frame(screen, help: true).text
        for b in ConsoleView.keyMap(for: screen).helpLines {
            #expect(text.contains(b.help), "\(screen) help lacks \(b.label): \(b.help)")
        }
        #expect(text.contains("quit (restores the terminal)"))
    }

    /// A global help line names no key the screen binds to something else (the Issues screen's `a` assigns, so
    /// the alerts line names only `!` there); at 80 columns no help line is cut mid-word.
    @Test(arguments: screens)
    func helpNamesOnlyKeysThatDoWhatItSays(screen: UIState.Screen) {
        let map = ConsoleView.keyMap(for: screen)
        for e in KeyHints.helpEntries(screen: map, writeMode: true) {
            guard let b = GlobalKeys.map.helpLines.first(where: { e.help == $0.help }) else { continue }
            for token in e.label.split(separator: " ") where token.count == 1 {
                let taken = map.action(for: .char(token.first!))
                #expect(taken == nil || taken == b.action, "\(screen): help says \(token) does '\(b.help)'")
            }
        }
        if screen == .issues {
            #expect(KeyHints.helpEntries(screen: map, writeMode: true).contains { $0.label == "!" })
            let narrow = Self.frame(screen, help: true, width: 80).text
            #expect(narrow.contains("lastSeen:"), "the filter line continues instead of being cut:\n\(narrow)")
            #expect(!narrow.contains("timesS │"), "cut mid-word:\n\(narrow)")
            // At 80×24 every line of the Issues help still fits (the box may cover the header and footer).
            var small = Fixtures.core(size: (80, 24))
            _ = small.type("2")
            _ = small.type("?")
            let help = small.frame(now: Fixtures.now).text
            #expect(help.contains("switch to another named install"), "a help line dropped at 80×24:\n\(help)")
        }
    }

    /// Where only ASCII can be drawn the footer names Enter by its word (its symbol would become `?`, the help key).
    @Test func theAsciiFooterSaysEnter() {
        var core = Fixtures.core(size: (120, 40))
        core.setGlyphs(.ascii)
        _ = core.type("2")
        let footer = core.frame(now: Fixtures.now).line(39)
        #expect(footer.contains("Enter detail") && !footer.contains("⏎"), "\(footer)")
    }

    @Test(arguments: screens)
    func aNarrowFooterShowsWholeHintsOnly(screen: UIState.Screen) {
        let footer = Self.frame(screen, width: 80).line(39).trimmingCharacters(in: .whitespaces)
        let map = ConsoleView.keyMap(for: screen)
        let words = (map.footerHints + GlobalKeys.map.footerHints).compactMap { $0.footer?.word }
        #expect(
            words.contains { footer.hasSuffix($0) } || footer.hasSuffix("resume") || footer.contains("sort: "),
            "cut mid-hint: \(footer)")
    }

    @Test func writeKeysAreMarkedInReadOnlyHelpAndDimmedInTheFooter() {
        let ro = Self.frame(.issues, help: true).text
        #expect(ro.contains("resolve / archive… / unresolve (write mode)"))
        let rw = Self.frame(.issues, help: true, write: true).text
        #expect(rw.contains("resolve / archive… / unresolve") && !rw.contains("unresolve (write mode)"))
        let footer = Self.frame(.issues)
        let x = footer.line(39).range(of: "r resolve").map {
            footer.line(39).distance(from: footer.line(39).startIndex, to: $0.lowerBound)
        }
        #expect(x != nil)
        if let x {
            #expect(
                footer.styleMap.split(separator: "\n")[39].dropFirst(x).first
                    != footer.styleMap.split(separator: "\n")[39].first)
        }
    }

    @Test func aScreenKeyShadowsTheGlobalOneInTheFooterName() {
        // On Issues 'a' assigns, so the footer names the alerts overlay by '!'.
        let b = GlobalKeys.map.bindings.first { $0.action == .toggleAlerts }!
        #expect(KeyHints.name(of: b, under: IssuesScreen.keyMap) == "!")
        #expect(KeyHints.name(of: b, under: OverviewScreen.keyMap) == "a")
    }

    @Test func noKeyIsBoundTwiceWithinOneMap() {
        for map in [GlobalKeys.map, AlertsKeys.map, OverviewScreen.keyMap, IssuesScreen.keyMap, WorkersScreen.keyMap] {
            let keys = map.bindings.flatMap(\.keys)
            #expect(keys.count == Set(keys.map { "\($0)" }).count)
        }
    }
}
