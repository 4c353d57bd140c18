import Foundation
import Model

/// What a cell shows when the terminal's locale is not UTF-8 (`LANG=C` over bare SSH, cron): printable ASCII of
/// exactly the cell's width, so rows stay aligned and no raw non-ASCII byte is written. Latin letters lose their
/// accents, the console's own symbols have ASCII look-alikes, anything else is `?` (`??` when two columns wide).
struct ASCIIFallback {
    private var cache: [String: String] = [:]

    private static let symbols: [Character: Character] = [
        "·": ".", "…": ".", "—": "-", "–": "-", "→": ">", "←": "<", "↑": "^", "↓": "v", "≤": "<", "≥": ">",
        "×": "x", "✓": "v", "✗": "x", "▲": "^", "▼": "v", "“": "\"", "”": "\"", "‘": "'", "’": "'", "•": "*",
        "▁": "_", "▂": "_", "▃": "-", "▄": "-", "▅": "=", "▆": "=", "▇": "#", "█": "#", "░": ".", "▒": ":",
        "▓": "#", "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "┬": "+",
        "┴": "+", "┼": "+", "━": "=", "┃": "|", "●": "*", "○": "o", "◆": "*", "⚠": "!", "µ": "u", "°": "o",
        "›": ">", "▏": "|", "✖": "x", "★": "*", "−": "-", "∞": "~", "±": "~",
    ]

    /// The ASCII stand-in for one cell's glyph (returned unchanged when it is printable ASCII already).
    mutating func glyph(_ glyph: String) -> String {
        if glyph.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return glyph }
        if let known = cache[glyph] { return known }
        let width = DisplayWidth.of(glyph)
        var out: String
        if let c = glyph.first, let s = Self.symbols[c] {
            out = String(s)
        } else if let base = glyph.decomposedStringWithCanonicalMapping.unicodeScalars.first,
            base.isASCII, base.value >= 0x20, base.value < 0x7F
        {
            out = String(Character(base))
        } else {
            out = "?"
        }
        out += String(repeating: out == "?" ? "?" : " ", count: max(0, width - 1))
        if cache.count < 4096 { cache[glyph] = out }
        return out
    }
}
