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

    @Test func wrappedLinesBreakAtSpacesAndStayInTheWidth() {
        let text = "pools near max_connections: find the application holding most; consider pgbouncer"
        let lines = DisplayWidth.wrapWords(text, to: 30)
        #expect(lines.joined(separator: " ") == text, "nothing lost: \(lines)")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 30 } && lines.count == 3)
        #expect(
            DisplayWidth.wrapWords(text, to: 30, maxLines: 2) == [
                "pools near max_connections:", "find the application holding…",
            ])
        #expect(DisplayWidth.wrapWords("supercalifragilistic ok", to: 8) == ["superca…", "ok"])
        #expect(DisplayWidth.wrapWords("日本語 テキスト", to: 8) == ["日本語", "テキスト"])
        #expect(DisplayWidth.wrapWords("x", to: 0).isEmpty)
    }

    @Test func listsShowWholeItemsThenACount() {
        let apps = ["sentry-web-pool (4)", "sentry-web (2)", "celery (1)"]
        #expect(DisplayWidth.list(apps, width: 80) == "sentry-web-pool (4), sentry-web (2), celery (1)")
        #expect(DisplayWidth.list(apps, width: 40) == "sentry-web-pool (4), sentry-web (2) +1")
        #expect(DisplayWidth.list(apps, width: 22) == "sentry-web-pool (4) +2")
        #expect(DisplayWidth.list(apps, width: 10) == "+3", "never a name cut without cutFirst")
        #expect(DisplayWidth.list(apps, width: 10, cutFirst: 6) == "sentry… +2")
        #expect(DisplayWidth.list(apps, width: 4, cutFirst: 6) == "+3")
        for w in 0...60 { #expect(DisplayWidth.of(DisplayWidth.list(apps, width: w, cutFirst: 6)) <= max(w, 2)) }
    }
}
