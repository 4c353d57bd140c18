/// Line-drawing and graph glyphs, Unicode or plain ASCII (for non-UTF-8 locales).
public struct Glyphs: Sendable, Equatable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    public var bars: [String]
    public var gaugeFull, gaugeEmpty, ellipsisArrow: String

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        bars: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], gaugeFull: "█", gaugeEmpty: "░", ellipsisArrow: "←")
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        bars: ["_", ".", ":", "-", "=", "+", "*", "#"], gaugeFull: "#", gaugeEmpty: ".", ellipsisArrow: "<")
}
