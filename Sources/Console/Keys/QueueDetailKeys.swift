/// Keys of the queue detail (Enter on a queue), consulted before the screen's while it is open.
public enum QueueDetailKeys {
    public static let map = KeyMap([
        KeyBinding([.up, .char("k")], .up, label: "↑↓ j k", help: "in a queue's detail: select a project"),
        KeyBinding([.down, .char("j")], .down),
        KeyBinding(
            [.enter], .open, label: "Enter",
            help: "in a queue's detail: the project's issues by events/min"),
    ])
}
