/// Keys of the alerts overlay, consulted before the screen's while it is open.
public enum AlertsKeys {
    public static let map = KeyMap([
        KeyBinding([.up, .char("k")], .up, label: "↑↓ j k", help: "in alerts: select an alert"),
        KeyBinding([.down, .char("j")], .down),
        KeyBinding([.char("A"), .enter], .acknowledge, label: "A", help: "in alerts: acknowledge the selected alert"),
        KeyBinding([.char("z")], .snoozeShort, label: "z Z", help: "in alerts: snooze it 30 min / 1 h"),
        KeyBinding([.char("Z")], .snoozeLong),
        KeyBinding([.char("u")], .unsilence, label: "u", help: "in alerts: undo acknowledge / snooze"),
    ])
}
