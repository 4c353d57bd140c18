/// Line-drawing and graph glyphs, Unicode or plain ASCII (for non-UTF-8 locales).
public struct Glyphs: Sendable, Equatable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    public var bars: [String]
    public var gaugeFull, gaugeEmpty, ellipsisArrow: String
    /// How the footer names the Enter key (`⏎`, or the word where only ASCII can be drawn).
    public var enter = "⏎"

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        bars: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], gaugeFull: "█", gaugeEmpty: "░", ellipsisArrow: "←")
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        bars: ["_", ".", ":", "-", "=", "+", "*", "#"], gaugeFull: "#", gaugeEmpty: ".", ellipsisArrow: "<",
        enter: "Enter")
}
