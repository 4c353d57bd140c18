import Glibc
import Testing

@testable import Model

/// The console's widths against the C library's `wcwidth` — what ncurses and tmux use to place the cursor. A
/// disagreement leaves garbled rows and stale cells on the real terminal (a lone flag letter counted 2, drawn 1).
@Suite(.serialized) struct TerminalWidthTests {
    /// glibc's `wcwidth` (the Glibc module does not export it: it needs _XOPEN_SOURCE), in a UTF-8 locale.
    static let wcwidth: @convention(c) (Int32) -> Int32 = {
        setlocale(LC_CTYPE, "C.UTF-8")
        return unsafeBitCast(
            dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth")!, to: (@convention(c) (Int32) -> Int32).self)
    }()

    static func terminal(_ v: UInt32) -> Int { Int(wcwidth(Int32(bitPattern: v))) }

    /// Every scalar the sanitizer keeps as a grapheme's base measures what `wcwidth` says.
    @Test func everyKeptScalarMeasuresWhatTheTerminalMeasures() {
        var mismatches: [String] = []
        for v in UInt32(0x20)...0x3_FFFD {
            guard let s = Unicode.Scalar(v), !TextSanitizer.isForbidden(s) else { continue }
            let c = Self.terminal(v)
            guard c >= 0 else { continue }  // unknown to the C library: the sanitizer's table decides
            if DisplayWidth.of(s) != c { mismatches.append(String(v, radix: 16) + "=\(DisplayWidth.of(s))/\(c)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count): \(mismatches.prefix(60))")
    }

    /// Emoji as they arrive in issue titles: flags, ZWJ families, keycaps, skin tones, VS15/VS16, tags. After
    /// sanitizing, each grapheme is a base the terminal measures as we do plus only zero-width marks (what
    /// ncurses' `setcchar` accepts), and the string's width is the sum the terminal computes.
    @Test(arguments: [
        "🇺🇸", "🇩🇪🇫🇷", "🇦", "x🇦y", "👨‍👩‍👧‍👦", "🧑🏽‍💻", "👍🏿", "1️⃣", "#️⃣", "❤️", "❤︎", "☺️", "✈️", "🏳️‍🌈", "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
        "e\u{301}", "각", "\u{1100}\u{1161}\u{11A8}", "ก\u{E31}", "😱 数据库 ǅ", "\u{2615}\u{FE0E}", "\u{1F1E6}\u{200D}",
    ])
    func emojiCatalogueDrawsAsWideAsTheTerminalSays(_ text: String) {
        let clean = TextSanitizer.clean(text)
        var terminalSum = 0
        for ch in clean {
            let scalars = Array(ch.unicodeScalars)
            #expect(Self.terminal(scalars[0].value) == DisplayWidth.of(ch), "\(text): base of \(scalars)")
            for s in scalars.dropFirst() { #expect(Self.terminal(s.value) == 0, "\(text): \(s) after the base") }
            terminalSum += scalars.map { Self.terminal($0.value) }.reduce(0, +)
        }
        #expect(DisplayWidth.of(clean) == terminalSum, "\(text) → \(clean.unicodeScalars.map { $0.value })")
    }
}
