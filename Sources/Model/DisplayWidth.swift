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

    /// Breaks `text` into lines of at most `width` columns at spaces; a word wider than `width` alone is cut
    /// (marked "…"). At most `maxLines` lines, the last cut at a word when text remains.
    public static func wrapWords(_ text: String, to width: Int, maxLines: Int = .max) -> [String] {
        guard width > 0, maxLines > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if of(candidate) <= width {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = of(word) <= width ? word : truncate(word, to: width)
        }
        if !line.isEmpty { lines.append(line) }
        guard lines.count > maxLines else { return lines }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = truncateWords(kept[maxLines - 1] + " " + lines[maxLines], to: width)
        return kept
    }

    /// `a, b +k`: whole items while they fit `width` with room for the `+k` of the rest; when not even the first
    /// does, it is cut ("…") if `cutFirst` columns or more are left for it, else only `+n` is shown.
    public static func list(_ items: [String], width: Int, cutFirst: Int = .max) -> String {
        var out = ""
        for (i, item) in items.enumerated() {
            let rest = items.count - i - 1
            let candidate = out + (i > 0 ? ", " : "") + item
            if of(candidate) + (rest > 0 ? of(" +\(rest)") : 0) <= width {
                out = candidate
                continue
            }
            let marker = "+\(items.count - i)"
            if i == 0 {
                let room = width - (rest > 0 ? of(" +\(rest)") : 0)
                return room >= cutFirst ? truncate(item, to: room) + (rest > 0 ? " +\(rest)" : "") : marker
            }
            return out + " " + marker
        }
        return out
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
