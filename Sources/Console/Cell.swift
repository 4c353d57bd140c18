/// One terminal cell: a sanitized grapheme of width 1 or 2 and its role. The cell right of a wide glyph
/// holds the empty continuation glyph "" so the grid stays aligned with screen columns.
public struct Cell: Equatable, Sendable {
    public var glyph: String
    public var role: Role

    public init(_ glyph: String = " ", _ role: Role = .normal) {
        self.glyph = glyph
        self.role = role
    }

    public static let blank = Cell()
    public var isContinuation: Bool { glyph.isEmpty }
}
