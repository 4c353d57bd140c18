/// Keys that work on every screen (a screen's own map is consulted first and may take a key over).
public enum GlobalKeys {
    public static let map = KeyMap([
        KeyBinding(
            [.char("q"), .char("Q")], .quit, label: "q", help: "quit (restores the terminal)", footer: ("q", "quit")),
        KeyBinding(
            [.char("?"), .char("h"), .function(1)], .toggleHelp, label: "?", help: "show or hide this help",
            footer: ("?", "help")),
        KeyBinding(
            [.char("1")], .show(.overview), label: "1 2 3", help: "Overview / Issues / Workers screen",
            footer: ("1", "overview")),
        KeyBinding([.char("2"), .char("i")], .show(.issues), footer: ("2", "issues")),
        KeyBinding([.char("3"), .char("w")], .show(.workers), footer: ("3", "workers")),
        KeyBinding(
            [.char("a"), .char("!")], .toggleAlerts, label: "a !", help: "alerts: details, hints and history",
            footer: ("a", "alerts")),
        KeyBinding(
            [.char(" ")], .togglePause, label: "space", help: "pause or resume sampling", footer: ("space", "pause")),
        KeyBinding(
            [.char("+"), .char("=")], .faster, label: "+ / -", help: "refresh faster / slower",
            footer: ("+/-", "interval")),
        KeyBinding([.char("-"), .char("_")], .slower),
        KeyBinding(
            [.char(":")], .contextPrompt, label: ":", help: "switch to another named install (config [contexts.NAME])"),
        KeyBinding([.ctrl("l")], .redraw, label: "Ctrl-L", help: "redraw the whole screen", footer: ("^L", "redraw")),
        KeyBinding([.escape], .dismiss, label: "Esc", help: "close help or alerts"),
    ])
}
