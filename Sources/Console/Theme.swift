/// A theme: for each role a foreground, background and attributes. Themes are data (`themes/*.theme`);
/// roles a file leaves out fall back to the built-in default, so any file yields a complete theme.
public struct Theme: Equatable, Sendable {
    public struct Style: Equatable, Sendable {
        public var fg: ThemeColor = .terminalDefault
        public var bg: ThemeColor = .terminalDefault
        public var bold = false
        public var dim = false
        public var reverse = false
        public var underline = false
        public init(
            fg: ThemeColor = .terminalDefault, bg: ThemeColor = .terminalDefault, bold: Bool = false,
            dim: Bool = false, reverse: Bool = false, underline: Bool = false
        ) {
            self.fg = fg
            self.bg = bg
            self.bold = bold
            self.dim = dim
            self.reverse = reverse
            self.underline = underline
        }
    }

    public var name: String
    public var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    public func style(_ role: Role) -> Style { styles[role] ?? Theme.builtin.styles[role] ?? Style() }

    /// Parses a theme file. Unknown keys and bad values become warnings carrying their line number.
    public static func parse(_ text: String, name: String) -> (theme: Theme, warnings: [String]) {
        var styles = builtin.styles
        var warnings: [String] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let body = stripComment(String(raw))
            guard !body.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
            let kv = body.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else {
                warnings.append("\(name):\(n + 1): expected `role = colours and attributes`")
                continue
            }
            let key = kv[0].trimmingCharacters()
            guard let role = Role.named(key) else {
                warnings.append("\(name):\(n + 1): unknown role `\(key)`")
                continue
            }
            var style = Style()
            var colours: [ThemeColor] = []
            var sawOn = false
            for word in kv[1].split(whereSeparator: { $0 == " " || $0 == "\t" }).map({ String($0).lowercased() }) {
                switch word {
                case "bold": style.bold = true
                case "dim": style.dim = true
                case "reverse": style.reverse = true
                case "underline": style.underline = true
                case "on": sawOn = true
                default:
                    if let c = ThemeColor.parse(word) {
                        if sawOn && colours.isEmpty { colours.append(.terminalDefault) }
                        colours.append(c)
                    } else {
                        warnings.append("\(name):\(n + 1): bad value `\(word)` for `\(key)`")
                    }
                }
            }
            if let fg = colours.first { style.fg = fg }
            if colours.count > 1 { style.bg = colours[1] }
            styles[role] = style
        }
        return (Theme(name: name, styles: styles), warnings)
    }

    private static func stripComment(_ s: String) -> String {
        // `#` starts a comment unless it begins a hex colour (`#` followed by 6 hex digits).
        var out = ""
        var chars = Array(s)[...]
        while let c = chars.popFirst() {
            if c == "#" {
                let next = chars.prefix(6)
                if next.count == 6 && next.allSatisfy(\.isHexDigit) {
                    out.append(c)
                    continue
                }
                break
            }
            out.append(c)
        }
        return out
    }

    /// The default theme, also the fallback for roles a file omits.
    public static let builtin = Theme(
        name: "default",
        styles: [
            .normal: Style(),
            .dim: Style(fg: .indexed(8)),
            .header: Style(fg: .indexed(15), bg: .indexed(24), bold: true),
            .headerBadge: Style(fg: .indexed(0), bg: .indexed(10), bold: true),
            .writeBadge: Style(fg: .indexed(15), bg: .indexed(9), bold: true),
            .border: Style(fg: .indexed(8)),
            .title: Style(fg: .indexed(12), bold: true),
            .titleFocus: Style(fg: .indexed(14), bold: true, underline: true),
            .label: Style(fg: .indexed(6), bold: true),
            .value: Style(fg: .indexed(15)),
            .ok: Style(fg: .indexed(2)),
            .warn: Style(fg: .indexed(11), bold: true),
            .crit: Style(fg: .indexed(9), bold: true),
            .stale: Style(fg: .indexed(8), dim: true),
            .selection: Style(fg: .indexed(0), bg: .indexed(6)),
            .graph: Style(fg: .indexed(4)),
            .keyHint: Style(fg: .indexed(0), bg: .indexed(6)),
            .keyLabel: Style(),
        ])

    /// Monochrome: attributes only (NO_COLOR, terminals without colour).
    public static let mono = Theme(
        name: "mono",
        styles: [
            .normal: Style(), .dim: Style(dim: true), .header: Style(reverse: true),
            .headerBadge: Style(bold: true, reverse: true),
            .writeBadge: Style(bold: true, reverse: true, underline: true),
            .border: Style(), .title: Style(bold: true), .titleFocus: Style(bold: true, underline: true),
            .label: Style(underline: true), .value: Style(), .ok: Style(), .warn: Style(bold: true),
            .crit: Style(bold: true, reverse: true), .stale: Style(dim: true), .selection: Style(reverse: true),
            .graph: Style(), .keyHint: Style(reverse: true), .keyLabel: Style(),
        ])
}

extension Substring {
    func trimmingCharacters() -> String {
        var s = self
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" || s.last == "\r" { s.removeLast() }
        return String(s)
    }
}
