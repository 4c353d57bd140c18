/// Maps a series to bar glyphs; scaled from 0 to the series maximum so a flat zero line stays at the bottom.
public enum Sparkline {
    public static func render(_ values: [Double], width: Int, glyphs: Glyphs = .unicode) -> String {
        guard width > 0 else { return "" }
        let tail = values.suffix(width)
        let top = tail.max() ?? 0
        var out = String(repeating: " ", count: width - tail.count)
        for v in tail {
            if top <= 0 || v <= 0 {
                out += glyphs.bars[0]
            } else {
                let level = Int((v / top * Double(glyphs.bars.count - 1)).rounded())
                out += glyphs.bars[min(glyphs.bars.count - 1, max(0, level))]
            }
        }
        return out
    }
}
