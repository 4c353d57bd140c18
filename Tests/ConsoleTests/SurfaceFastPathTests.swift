import Testing

@testable import Console

/// `put`'s fast paths (printable ASCII; scalars that are graphemes of their own) draw exactly what the general
/// path draws: a leading lone combining mark (width 0, dropped) forces the general path for comparison.
@Suite struct SurfaceFastPathTests {
    @Test(arguments: [
        "plain ASCII 123 ~", "┌─ Queues ─┐│└┘", "→ ← ↑ · … ▁▂▃▅▇█ ░▒", "é ñ ü ß ©", "soft\u{00AD}hyphen",
        "bidi\u{202E}override\u{2066}", "wide ⌚ watch ⏰ alarm", "line\u{2028}sep", "clip this long text at ten",
    ])
    func fastEqualsGeneral(text: String) {
        var fast = Surface(width: 30, height: 1)
        var general = Surface(width: 30, height: 1)
        let a = fast.put(text, x: 2, y: 0, role: .value, maxWidth: 10)
        let b = general.put("\u{0301}" + text, x: 2, y: 0, role: .value, maxWidth: 10)
        #expect(a == b)
        #expect(fast == general, "\(fast.line(0)) vs \(general.line(0))")
    }
}
