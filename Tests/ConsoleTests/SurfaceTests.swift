import Foundation
import Testing

@testable import Console
@testable import Model

@Suite struct SurfaceTests {
    @Test func wideGlyphIsNeverSplitAtTheEdge() {
        var s = Surface(width: 5, height: 1)
        let used = s.put("ab数据", x: 0, y: 0)
        #expect(used == 4)
        #expect(s.line(0) == "ab数 ")
        var t = Surface(width: 5, height: 1)
        t.put("数据库", x: 0, y: 0)
        #expect(t.line(0) == "数据 ")
    }

    @Test func clippingLimitIsRespected() {
        var s = Surface(width: 10, height: 1)
        #expect(s.put("hello world", x: 2, y: 0, maxWidth: 4) == 4)
        #expect(s.line(0) == "  hell    ")
    }

    @Test func hostileScalarsNeverReachTheGrid() {
        var s = Surface(width: 20, height: 1)
        s.put("a\u{1B}b\u{07}c\u{9B}d\u{202E}e", x: 0, y: 0)
        let scalars = s.cells.flatMap { $0.glyph.unicodeScalars }
        #expect(!scalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
        #expect(s.line(0).hasPrefix("abcde"))
    }

    @Test func overwritingHalfOfAWideGlyphBlanksTheOtherHalf() {
        var s = Surface(width: 4, height: 1)
        s.put("数据", x: 0, y: 0)
        s.put("x", x: 1, y: 0)
        #expect(s.line(0) == " x据")
        #expect(!s[2, 0].isContinuation)
    }
}

@Suite struct SurfaceDiffTests {
    @Test func identicalFramesProduceNothing() {
        var a = Surface(width: 10, height: 3)
        a.put("hello", x: 0, y: 1)
        #expect(SurfaceDiff.diff(from: a, to: a).isEmpty)
    }

    @Test func oneChangedNumberIsOneSmallRun() {
        var a = Surface(width: 20, height: 2)
        a.put("depth 1234", x: 0, y: 1)
        var b = a
        b.put("depth 1235", x: 0, y: 1)
        let runs = SurfaceDiff.diff(from: a, to: b)
        #expect(runs == [SurfaceDiff.Run(x: 9, y: 1, cells: [Cell("5")])])
    }

    @Test func roleChangeAloneIsSent() {
        var a = Surface(width: 4, height: 1)
        a.put("ab", x: 0, y: 0)
        var b = a
        b.paint(x: 0, y: 0, width: 1, role: .crit)
        #expect(SurfaceDiff.cellCount(SurfaceDiff.diff(from: a, to: b)) == 1)
    }

    @Test func wideGlyphTravelsWithItsContinuation() {
        var a = Surface(width: 6, height: 1)
        a.put("ab", x: 0, y: 0)
        var b = a
        b.put("数", x: 2, y: 0)
        let runs = SurfaceDiff.diff(from: a, to: b)
        #expect(runs.count == 1)
        #expect(runs[0].x == 2 && runs[0].cells.count == 2 && runs[0].cells[1].isContinuation)
    }

    @Test func firstFrameOrResizeSendsEverything() {
        let b = Surface(width: 7, height: 3)
        #expect(SurfaceDiff.cellCount(SurfaceDiff.diff(from: nil, to: b)) == 21)
        #expect(SurfaceDiff.cellCount(SurfaceDiff.diff(from: Surface(width: 6, height: 3), to: b)) == 21)
    }
}

@Suite struct ThemeTests {
    @Test func builtinThemeFilesParseWithoutWarnings() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".theme") }
        #expect(files.count >= 2)
        for f in files {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            let (theme, warnings) = Theme.parse(text, name: f)
            #expect(warnings.isEmpty, "\(f): \(warnings)")
            #expect(Role.allCases.allSatisfy { theme.styles[$0] != nil })
        }
    }

    @Test func unknownKeysAndBadValuesWarnWithLineNumbers() {
        let (theme, warnings) = Theme.parse(
            """
            # comment
            status.crit = #ff0000 bold   # hex is not a comment
            status.crt = red
            graph = purple
            """, name: "t.theme")
        #expect(theme.style(.crit) == Theme.Style(fg: .rgb(255, 0, 0), bold: true))
        #expect(warnings == ["t.theme:3: unknown role `status.crt`", "t.theme:4: bad value `purple` for `graph`"])
    }

    @Test func backgroundAfterOn() {
        let (theme, _) = Theme.parse("header = white on color(24) bold", name: "t")
        #expect(theme.style(.header) == Theme.Style(fg: .indexed(7), bg: .indexed(24), bold: true))
        let (t2, _) = Theme.parse("header = on blue", name: "t")
        #expect(t2.style(.header).bg == .indexed(4))
        #expect(t2.style(.header).fg == .terminalDefault)
    }

    @Test(arguments: [
        (ThemeColor.rgb(255, 0, 0), 256, 196), (.rgb(255, 0, 0), 16, 9), (.rgb(255, 0, 0), 8, 1),
        (.indexed(196), 16, 9), (.indexed(3), 8, 3), (.terminalDefault, 256, -1), (.rgb(128, 128, 128), 256, 244),
    ])
    func degradesToTheTerminalsPalette(color: ThemeColor, colors: Int, expected: Int) {
        #expect(color.index(forColors: colors) == expected)
    }
}

@Suite struct SparklineTests {
    @Test func zeroScaleKeepsZeroAtTheBottom() {
        #expect(Sparkline.render([0, 0, 0], width: 3) == "▁▁▁")
        #expect(Sparkline.render([1, 2, 4, 8], width: 4) == "▂▃▅█")
        #expect(Sparkline.render([5], width: 3) == "  █")
    }

    @Test func rangeScaleShowsShapeAndFlatIsMid() {
        #expect(Sparkline.render([7, 7, 7], width: 3, scale: .range) == "▄▄▄")
        #expect(Sparkline.render([1000, 1001, 1002], width: 3, scale: .range) == "▂▅█")
        #expect(Sparkline.render([0, 5, 10], width: 3, scale: .range) == "▁▅█")
    }
}

@Suite struct StalledVerdictTests {
    @Test(arguments: [
        (Int?.some(0), 0, "stalled: no consumers"), (.some(0), 8, "stalled: workers busy"),
        (.some(2), 0, "stalled: not consumed"), (nil, 0, "stalled 40s"),
    ])
    func explainsAStall(idle: Int?, inFlight: Int, expected: String) {
        #expect(QueuesPanel.describe(.stalled(forSeconds: 40), idleConsumers: idle, inFlight: inFlight).1 == expected)
    }

}
