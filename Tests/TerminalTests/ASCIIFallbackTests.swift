import Model
import Testing

@testable import Terminal

/// Outside a UTF-8 locale every cell is written as printable ASCII of the width the layout gave it.
@Suite struct ASCIIFallbackTests {
    @Test(arguments: [
        ("a", "a"), ("é", "e"), ("Å", "A"), ("ñ", "n"), ("·", "."), ("…", "."), ("→", ">"), ("≤", "<"), ("│", "|"),
        ("┌", "+"), ("▇", "#"), ("数", "??"), ("😱", "??"), ("ж", "?"), ("\u{E01}\u{E31}", "?"), ("e\u{301}", "e"),
    ])
    func eachCellBecomesASCIIOfItsWidth(glyph: String, ascii: String) {
        var f = ASCIIFallback()
        let out = f.glyph(glyph)
        #expect(out == ascii)
        #expect(out.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F })
        #expect(out.utf8.count == DisplayWidth.of(glyph), "as wide as the cell it replaces")
    }

    /// The console's own symbols have look-alikes (a `?` there would read as a question or as the help key).
    @Test func theConsolesOwnSymbolsAreNeverQuestionMarks() {
        var f = ASCIIFallback()
        for symbol in ["›", "▏", "✖", "★", "−", "∞", "±", "●", "○", "✓", "⚠", "▲", "▼", "—", "…", "·"] {
            #expect(f.glyph(symbol) != "?", "\(symbol)")
        }
    }
}
