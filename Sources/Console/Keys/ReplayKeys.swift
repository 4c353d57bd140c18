/// Keys of a replay (a recording, or the live console's recent past), consulted before every screen's: they
/// move through time. The screens' own keys still select, open and filter what was recorded.
public enum ReplayKeys {
    public static let map = KeyMap([
        KeyBinding([.char(" ")], .play, label: "space", help: "replay: play or pause", footer: ("space", "play")),
        KeyBinding(
            [.char("[")], .stepBack, label: "[ ]", help: "replay: one sample back / forward", footer: ("[ ]", "step")),
        KeyBinding([.char("]")], .stepForward),
        KeyBinding(
            [.char("{")], .minuteBack, label: "{ }", help: "replay: one minute back / forward",
            footer: ("{ }", "minute")),
        KeyBinding([.char("}")], .minuteForward),
        KeyBinding(
            [.char("+"), .char("=")], .speedUp, label: "+ / -", help: "replay: faster / slower (1× … 60×)",
            footer: ("+/-", "speed")),
        KeyBinding([.char("-"), .char("_")], .speedDown),
        KeyBinding(
            [.char("t")], .jump, label: "t", help: "replay: jump to a time (02:47, -30m, +5m, 2026-11-30T02:47Z)",
            footer: ("t", "time")),
        KeyBinding([.char("g")], .timelineStart, label: "g G", help: "replay: start / end of the recording"),
        KeyBinding([.char("G")], .timelineEnd),
    ])
}
