import Testing

@testable import Model

/// Cutting text to a width: at a word where there is one, marked with an ellipsis, never wider than asked.
@Suite struct WordCutTests {
    @Test func wordsAreCutWholeAndMarked() {
        let text = "queue.stalled events.save_event 12,345 waiting, no change for 59s"
        #expect(DisplayWidth.truncateWords(text, to: 80) == text)
        #expect(DisplayWidth.truncateWords(text, to: 45) == "queue.stalled events.save_event 12,345…")
        #expect(DisplayWidth.truncateWords(text, to: 20) == "queue.stalled…")
        #expect(DisplayWidth.truncateWords("supercalifragilistic", to: 8) == "superca…", "one long word is cut inside")
        for w in 1...70 { #expect(DisplayWidth.of(DisplayWidth.truncateWords(text, to: w)) <= w) }
        #expect(DisplayWidth.truncateWords("日本語 テキスト です", to: 12) == "日本語…")
    }
}
