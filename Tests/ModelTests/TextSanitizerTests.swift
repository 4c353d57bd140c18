import Testing

@testable import Model

@Suite struct TextSanitizerTests {
    @Test(arguments: [
        ("\u{1B}[31mRED\u{1B}[0m", "RED"),
        ("a\u{1B}]0;pwned\u{07}b", "ab"),
        ("a\u{1B}]52;c;aGk=\u{1B}\\b", "ab"),
        ("x\u{9B}2Jy", "xy"),
        ("bell\u{07}!", "bell!"),
        ("line1\nline2\r\n\tend", "line1 line2 end"),
        ("evil\u{202E}txt.exe", "eviltxt.exe"),
        ("zero\u{200B}width", "zerowidth"),
        ("del\u{7F}ete", "delete"),
        ("\u{1B}P1$r\u{1B}\\ok", "ok"),
        ("plain ascii", "plain ascii"),
        ("数据库 😱", "数据库 😱"),
    ])
    func removesControlsAndEscapes(input: String, expected: String) {
        #expect(TextSanitizer.clean(input) == expected)
    }

    @Test func invalidUTF8BecomesReplacementCharacter() {
        let bytes: [UInt8] = [0x61, 0xFF, 0xFE, 0x62, 0xC3]
        #expect(TextSanitizer.clean(bytes: bytes) == "a\u{FFFD}\u{FFFD}b\u{FFFD}")
    }

    @Test func keepsCombiningMarksButDropsZeroWidthJoinerSequences() {
        #expect(TextSanitizer.clean("e\u{301}") == "e\u{301}")
        // family emoji (ZWJ sequence) is reduced to its first person
        #expect(TextSanitizer.clean("👨\u{200D}👩\u{200D}👧") == "👨")
        // a lone combining mark has no base and is dropped
        #expect(TextSanitizer.clean("\u{301}x") == "x")
    }

    @Test func cutsAtMaxLengthWithEllipsis() {
        #expect(TextSanitizer.clean(String(repeating: "a", count: 10), maxLength: 4) == "aaaa…")
    }

    @Test func noOutputScalarIsAControlCharacter() {
        var hostile = ""
        for v in 0..<0x200 { if let s = Unicode.Scalar(v) { hostile.unicodeScalars.append(s) } }
        let out = TextSanitizer.clean(hostile)
        #expect(!out.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }
}

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("abc", 3), ("中文", 4), ("😱", 2), ("e\u{301}", 1), ("ｶﾀｶﾅ", 4), ("한국어", 6), ("", 0),
    ])
    func measures(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func truncateNeverExceedsWidthAndNeverSplitsWideGlyphs() {
        #expect(DisplayWidth.truncate("数据库连接", to: 5) == "数据…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("数据库连接", to: 5)) <= 5)
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.pad("ab", to: 4, right: true) == "  ab")
        #expect(DisplayWidth.of(DisplayWidth.pad("数据库", to: 5)) == 5)
    }
}
