/// What a key means on the Overview; the key map is data so help can be generated from it.
public enum Command: Equatable, Sendable {
    case quit, toggleHelp, toggleAlerts, togglePause, faster, slower, redraw
    case scrollUp, scrollDown, pageUp, pageDown, top, bottom
    case focusNext, focusPrevious, dismiss
    case acknowledge, snoozeShort, snoozeLong, unsilence
    case showOverview, showIssues, showWorkers

    /// The Overview's key map: (keys shown in help, description, keys, command).
    public static let bindings: [(label: String, help: String, keys: [Key], command: Command)] = [
        ("q", "quit (restores the terminal)", [.char("q"), .char("Q")], .quit),
        ("?", "show or hide this help", [.char("?"), .char("h"), .function(1)], .toggleHelp),
        ("1 2 3", "Overview / Issues / Workers screen", [.char("1")], .showOverview),
        ("", "", [.char("2"), .char("i")], .showIssues),
        ("", "", [.char("3"), .char("w")], .showWorkers),
        ("a !", "alerts: details, hints and history", [.char("a"), .char("!")], .toggleAlerts),
        ("space", "pause or resume sampling", [.char(" ")], .togglePause),
        ("+ / -", "refresh faster / slower", [.char("+"), .char("=")], .faster),
        ("", "", [.char("-"), .char("_")], .slower),
        ("Ctrl-L", "redraw the whole screen", [.ctrl("l")], .redraw),
        ("↑↓ j k", "scroll the focused panel", [.up, .char("k")], .scrollUp),
        ("", "", [.down, .char("j")], .scrollDown),
        ("PgUp PgDn", "scroll by a page", [.pageUp], .pageUp),
        ("", "", [.pageDown], .pageDown),
        ("g G", "jump to top / bottom", [.home, .char("g")], .top),
        ("", "", [.end, .char("G")], .bottom),
        ("Tab", "move focus to the next panel", [.tab], .focusNext),
        ("", "", [.backTab], .focusPrevious),
        ("Esc", "close help or alerts", [.escape], .dismiss),
        ("A", "in alerts: acknowledge the selected alert", [.char("A"), .enter], .acknowledge),
        ("z Z", "in alerts: snooze it 30 min / 1 h", [.char("z")], .snoozeShort),
        ("", "", [.char("Z")], .snoozeLong),
        ("u", "in alerts: undo acknowledge / snooze", [.char("u")], .unsilence),
    ]

    /// The Issues screen's own keys (handled by `IssuesUI`), for help; `write` marks keys that need write mode.
    public static let issueBindings: [(label: String, help: String, write: Bool)] = [
        ("↑↓ j k", "move the selection", false),
        ("Enter Esc", "open / close the issue's detail", false),
        ("/", "filter: is: level: project: assigned: age: lastSeen: timesSeen: text !neg", false),
        ("s", "sort: last seen, events/min, times seen, first seen", false),
        ("x", "mark / unmark (actions apply to marked rows)", false),
        ("y", "copy the issue's URL (OSC 52)", false),
        ("r e u", "resolve / archive… / unresolve", true),
        ("a A", "assign… / unassign", true),
        ("b v", "bookmark toggle / mark reviewed", true),
    ]

    /// The Workers screen's own keys (handled by `WorkersUI`), for help.
    public static let workerBindings: [(label: String, help: String)] = [
        ("/", "filter workers, queues and addresses by text (Esc clears)"),
        ("s", "sort: state (worst first), name, tasks/s"),
        ("↑↓ j k", "scroll"),
    ]

    public static func command(for key: Key) -> Command? {
        bindings.first { $0.keys.contains(key) }?.command
    }
}
