/// Terminal column widths of sanitized text, computed from our own tables (not the C locale), so the same
/// string measures the same in tests, CI and production: 2 for East Asian wide/fullwidth and emoji-presentation
/// scalars, 0 for combining marks, 1 otherwise.
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

    /// Width of one scalar: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x1100 { return v < 0x20 ? 0 : 1 }
        if TextSanitizer.isCombiningMark(scalar) { return 0 }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
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

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B16F, 0x1F200...0x1F2FF,
        0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isWide(_ v: UInt32) -> Bool {
        var lo = 0
        var hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }
}
