/// Maps a series to bar glyphs, right-aligned in `width` cells. Zero is always the lowest bar.
/// `.zero` scales from 0 to the maximum (rates); `.range` scales from the minimum to the maximum (queue depth,
/// where the shape matters), and a flat non-zero series sits at mid height.
public enum Sparkline {
    public enum Scale: Sendable { case zero, range }

    public static func render(_ values: [Double], width: Int, scale: Scale = .zero, glyphs: Glyphs = .unicode) -> String
    {
        guard width > 0 else { return "" }
        let tail = values.suffix(width)
        let top = tail.max() ?? 0
        let bottom = scale == .range ? (tail.min() ?? 0) : 0
        let levels = Double(glyphs.bars.count - 1)
        var out = String(repeating: " ", count: width - tail.count)
        for v in tail {
            let level: Int
            if v <= 0 || top <= 0 {
                level = 0
            } else if top == bottom {
                level = scale == .range ? glyphs.bars.count / 2 - 1 : glyphs.bars.count - 1
            } else if scale == .range {
                level = 1 + Int(((v - bottom) / (top - bottom) * (levels - 1)).rounded())
            } else {
                level = Int((v / top * levels).rounded())
            }
            out += glyphs.bars[min(glyphs.bars.count - 1, max(0, level))]
        }
        return out
    }
}
