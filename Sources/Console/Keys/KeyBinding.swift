/// One row of a key map: the keys, the action, how help and the footer name it, and whether it needs write mode.
/// A row with an empty `label` is a variant of the row before it: it binds keys but adds no help line.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let action: Action
    /// The keys as help shows them (`"↑↓ j k"`); empty for a variant of the previous row.
    public let label: String
    public let help: String
    /// The key and word in the footer (`("s", "sort")`); nil when the footer leaves it out.
    public let footer: (key: String, word: String)?
    public let needsWrite: Bool

    public init(
        _ keys: [Key], _ action: Action, label: String = "", help: String = "",
        footer: (key: String, word: String)? = nil, needsWrite: Bool = false
    ) {
        self.keys = keys
        self.action = action
        self.label = label
        self.help = help
        self.footer = footer
        self.needsWrite = needsWrite
    }
}
