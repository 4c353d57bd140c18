/// Terminal column widths of sanitized text, from a table generated from glibc's `wcwidth` (what ncurses and tmux
/// measure with), not from the process's locale, so the same string measures the same in tests, CI and production:
/// a grapheme is as wide as its base scalar (the sanitizer keeps only zero-width marks after it).
public enum DisplayWidth {
    /// The first of `forms` (longest first, each a whole-phrase shortening of the one before) that fits
    /// `width` columns, else the last: lines are shortened by rule, never cut mid-word.
    public static func fitting(_ forms: [String], width: Int) -> String {
        forms.first { of($0) <= width } ?? forms.last ?? ""
    }

    /// Width of one grapheme as drawn (its first scalar decides; marks add nothing).
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        return of(first)
    }

    /// Width of one scalar: 0, 1 or 2, as the terminal's C library measures it (`TerminalWidthTable`).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return v < 0x20 ? 0 : 1 }
        if contains(TerminalWidthTable.zero, v) { return 0 }
        return contains(TerminalWidthTable.wide, v) ? 2 : 1
    }

    /// Total width of a (sanitized) string.
    public static func of(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        for c in text { total += of(c) }
        return total
    }

    /// Cuts `text` to at most `width` columns; a cut is marked with "…" inside the limit.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var out = ""
        var used = 0
        for c in text {
            let w = of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// Cuts `text` to at most `width` columns at a word boundary (a space), marked with "…"; a first word that
    /// alone is too wide is cut inside it, as `truncate` does.
    public static func truncateWords(_ text: String, to width: Int) -> String {
        if of(text) <= width { return text }
        let cut = truncate(text, to: width)
        guard let space = cut.lastIndex(of: " "), space > cut.startIndex else { return cut }
        var head = String(cut[..<space])
        while head.last == " " || head.last == "," || head.last == "·" { head.removeLast() }
        return head.isEmpty ? cut : head + "…"
    }

    /// Pads (or truncates) to exactly `width` columns; `right` aligns to the right edge.
    public static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let fill = String(repeating: " ", count: max(0, width - of(cut)))
        return right ? fill + cut : cut + fill
    }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ v: UInt32) -> Bool {
        var lo = 0
        var hi = ranges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = ranges[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }
}
