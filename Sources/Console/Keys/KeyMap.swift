/// An ordered table of bindings: the first row with a key wins. The same table drives the key handler, the help
/// overlay and the footer, so they cannot drift apart.
public struct KeyMap: Sendable {
    public let bindings: [KeyBinding]

    public init(_ bindings: [KeyBinding]) { self.bindings = bindings }

    /// The action bound to `key`, nil when the map does not bind it.
    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// This map's rows first, then those of `fallback` (a screen's keys over the global ones).
    public func over(_ fallback: KeyMap) -> KeyMap { KeyMap(bindings + fallback.bindings) }

    /// The help lines: one per labelled row, in table order, without labels shadowed by an earlier row.
    public var helpLines: [KeyBinding] {
        var seen = Set<String>()
        return bindings.filter { !$0.label.isEmpty && seen.insert($0.label).inserted }
    }

    /// The footer's hints in table order, each action once.
    public var footerHints: [KeyBinding] {
        var seen = Set<Action>()
        return bindings.filter { $0.footer != nil && seen.insert($0.action).inserted }
    }
}
