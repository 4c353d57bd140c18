/// A colour as written in a theme file, degraded to what the terminal can show.
public enum ThemeColor: Equatable, Sendable {
    case terminalDefault
    /// xterm palette index 0–255 (0–15 are the ANSI colours).
    case indexed(Int)
    case rgb(UInt8, UInt8, UInt8)

    static let names = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta",
        "bright-cyan", "bright-white",
    ]

    /// Parses `default`, an ANSI name, `color(N)`/`N`, or `#RRGGBB`.
    public static func parse(_ s: String) -> ThemeColor? {
        let t = s.lowercased()
        if t == "default" || t == "none" { return .terminalDefault }
        if let i = names.firstIndex(of: t) { return .indexed(i) }
        if t.hasPrefix("color(") && t.hasSuffix(")"), let n = Int(t.dropFirst(6).dropLast()), (0...255).contains(n) {
            return .indexed(n)
        }
        if let n = Int(t), (0...255).contains(n) { return .indexed(n) }
        if t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
        }
        return nil
    }

    /// The palette index for a terminal with `colors` colours; -1 is the terminal default.
    public func index(forColors colors: Int) -> Int {
        switch self {
        case .terminalDefault: return -1
        case .indexed(let n):
            if n < colors { return n }
            return Self.nearest16(Self.rgbOf(index: n), limit: min(colors, 16))
        case .rgb(let r, let g, let b):
            if colors >= 256 { return Self.nearest256(r, g, b) }
            return Self.nearest16((Int(r), Int(g), Int(b)), limit: min(colors, 16))
        }
    }

    private static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    private static let cube = [0, 95, 135, 175, 215, 255]

    static func rgbOf(index n: Int) -> (Int, Int, Int) {
        if n < 16 { return ansi[n] }
        if n < 232 {
            let i = n - 16
            return (cube[i / 36], cube[(i / 6) % 6], cube[i % 6])
        }
        let v = 8 + (n - 232) * 10
        return (v, v, v)
    }

    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        var best = 16
        var bestD = Int.max
        for n in 16..<256 {
            let d = distance(rgbOf(index: n), (Int(r), Int(g), Int(b)))
            if d < bestD {
                bestD = d
                best = n
            }
        }
        return best
    }

    static func nearest16(_ c: (Int, Int, Int), limit: Int) -> Int {
        var best = 7
        var bestD = Int.max
        for n in 0..<max(1, limit) {
            let d = distance(ansi[n], c)
            if d < bestD {
                bestD = d
                best = n
            }
        }
        return best
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0
        let dg = a.1 - b.1
        let db = a.2 - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
