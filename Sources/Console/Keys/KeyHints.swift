import Model

/// Draws what a key map says about itself: the footer's hints and the help overlay's lines. Generated from the
/// same tables that route keys, so the footer and help cannot name a key that does something else.
public enum KeyHints {
    /// The footer: the status line when there is news, else `q quit ? help`, the screen's hints, then the other
    /// global ones.
    /// Hints that need write mode are dimmed in read-only mode; the screen in view is not offered.
    public static func drawFooter(
        _ s: inout Surface, screen: KeyMap, current: UIState.Screen, status: Notice?, writeMode: Bool,
        glyphs: Glyphs = .unicode, word: (KeyBinding) -> String = { $0.footer?.word ?? "" }
    ) {
        let y = s.height - 1
        if let n = status {
            s.put(" " + n.text, x: 0, y: y, role: n.isError ? .crit : .ok, maxWidth: s.width)
            return
        }
        let global = GlobalKeys.map.footerHints.filter { $0.action != .show(current) }
        let first: Set<Action> = [.quit, .toggleHelp]
        let hints =
            global.filter { first.contains($0.action) } + screen.footerHints
            + global.filter { !first.contains($0.action) }
        var x = 0
        for b in hints {
            var key = name(of: b, under: screen)
            if key == Glyphs.unicode.enter { key = glyphs.enter }
            // A hint is shown whole or not at all: never "space paus".
            guard x + DisplayWidth.of(key) + 1 + DisplayWidth.of(word(b)) <= s.width else { break }
            let disabled = b.needsWrite && !writeMode
            x += s.put(key, x: x, y: y, role: disabled ? .dim : .keyHint)
            x += s.put(" \(word(b))  ", x: x, y: y, role: disabled ? .dim : .keyLabel, maxWidth: s.width - x)
        }
    }

    /// The footer's name for a binding's key; a global key the screen takes over is named by another of its keys.
    public static func name(of b: KeyBinding, under screen: KeyMap) -> String {
        guard let footer = b.footer else { return "" }
        guard let taken = screen.action(for: b.keys[0]), taken != b.action else { return footer.key }
        for key in b.keys.dropFirst() where screen.action(for: key) == nil {
            if case .char(let c) = key { return String(c) }
        }
        return footer.key
    }

    /// The help lines for a screen: its own keys, then the alerts overlay's and the global ones (without keys
    /// the screen took over). Write-mode keys say so in read-only mode.
    public static func helpEntries(screen: KeyMap, overlays: [KeyMap] = [], writeMode: Bool) -> [(
        label: String, help: String, dim: Bool
    )] {
        let own = screen.helpLines + overlays.flatMap(\.helpLines)
        let taken = Set(own.map(\.label))
        let global = GlobalKeys.map.helpLines.compactMap { b -> (String, KeyBinding)? in
            // A single-character key the screen binds to something else is not the global action here.
            let tokens = b.label.split(separator: " ").filter { token in
                guard token.count == 1, let c = token.first else { return true }
                let action = screen.action(for: .char(c))
                return action == nil || action == b.action
            }
            return tokens.isEmpty || taken.contains(b.label) ? nil : (String(tokens.joined(separator: " ")), b)
        }
        let rest = global + AlertsKeys.map.helpLines.filter { !taken.contains($0.label) }.map { ($0.label, $0) }
        return (own.map { ($0.label, $0) } + rest).map { label, b in
            let dim = b.needsWrite && !writeMode
            return (label, b.help + (dim ? " (write mode)" : ""), dim)
        }
    }
}
