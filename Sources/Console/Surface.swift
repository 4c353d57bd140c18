import Model

/// An offscreen grid of cells that views draw into; it knows nothing of terminals, so it can be rendered
/// and compared in tests. Invariant: every glyph stored is sanitized and fits its cells (a wide glyph is
/// never split at the right edge or over a clipping limit).
public struct Surface: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// Whether a scalar is always a grapheme of its own (the fast path of `put`).
    static func standsAlone(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20..<0x7F, 0xA0..<0x300, 0x2010..<0x2070, 0x2190..<0x2600: return true
        default: return false
        }
    }

    /// One-character strings for the ASCII bytes, made once.
    static let asciiGlyphs: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
    }

    /// Draws `text` at (x, y) clipped to `maxWidth` columns (and the surface); returns columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var col = x
        // Printable ASCII (most of every frame): one column per byte, nothing to sanitize, no grapheme breaking.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for byte in text.utf8 {
                guard col < limit else { break }
                if col >= 0 { set(col, y, Cell(Self.asciiGlyphs[Int(byte)], role)) }
                col += 1
            }
            return max(0, col - x)
        }
        // Latin, punctuation, arrows, box drawing, blocks and shapes: each scalar is its own grapheme (none of
        // these ranges holds a combining mark, joiner or selector), so no grapheme breaking either.
        if text.unicodeScalars.allSatisfy(Self.standsAlone) {
            for scalar in text.unicodeScalars where !TextSanitizer.isForbidden(scalar) {
                let ch = Character(scalar)
                let w = DisplayWidth.of(ch)
                if w == 0 { continue }
                if col + w > limit { break }
                if col >= 0 {
                    set(col, y, Cell(String(ch), role))
                    if w == 2 { set(col + 1, y, Cell("", role)) }
                }
                col += w
            }
            return max(0, col - x)
        }
        for ch in text {
            guard let first = ch.unicodeScalars.first else { continue }
            var glyph = String(ch)
            if TextSanitizer.isForbidden(first) || first.value < 0x20 {
                // Defence in depth: probes sanitize already; anything hostile that slips through is dropped.
                if first == "\n" || first == "\t" || first == "\r" { glyph = " " } else { continue }
            } else if ch.unicodeScalars.count > 1 {
                glyph = TextSanitizer.clean(glyph)
                if glyph.isEmpty { continue }
            }
            let w = DisplayWidth.of(Character(glyph))
            if w == 0 { continue }
            if col + w > limit { break }
            if col >= 0 {
                set(col, y, Cell(glyph, role))
                if w == 2 { set(col + 1, y, Cell("", role)) }
            }
            col += w
        }
        return max(0, col - x)
    }

    /// Writes one cell, repairing any wide glyph it overlaps.
    mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let i = y * width + x
        if cells[i].isContinuation && x > 0 && !cell.isContinuation { cells[i - 1] = Cell(" ", cells[i - 1].role) }
        if !cells[i].isContinuation && x + 1 < width && cells[i + 1].isContinuation
            && DisplayWidth.of(Character(cells[i].glyph.isEmpty ? " " : cells[i].glyph)) == 2
        {
            cells[i + 1] = Cell(" ", cells[i + 1].role)
        }
        cells[i] = cell
    }

    /// Fills a rectangle with one glyph and role.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, glyph: String = " ", role: Role = .normal) {
        for row in max(0, y)..<min(height, y + h) {
            for col in max(0, x)..<min(width, x + w) { set(col, row, Cell(glyph, role)) }
        }
    }

    /// Sets the role of existing cells in a row span (for selection bars).
    public mutating func paint(x: Int, y: Int, width w: Int, role: Role) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<min(width, x + w) { cells[y * width + col].role = role }
    }

    /// The text of one row (continuations omitted), for snapshots and screen assertions.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width where !self[x, y].isContinuation { s += self[x, y].glyph }
        return s
    }

    /// The whole grid as text, trailing spaces trimmed per line.
    public var text: String {
        (0..<height).map { y in
            var l = line(y)
            while l.last == " " { l.removeLast() }
            return l
        }.joined(separator: "\n")
    }

    /// One character per cell naming its role's first letter of the key (for style snapshots).
    public var styleMap: String {
        (0..<height).map { y in
            String(
                (0..<width).map { x -> Character in
                    let r = self[x, y].role
                    return r == .normal ? "." : Character(String(r.rawValue, radix: 36))
                })
        }.joined(separator: "\n")
    }
}
