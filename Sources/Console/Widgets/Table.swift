import Model

/// Columns laid out for one width: fixed columns, flex columns sharing what is left (each its percent of the
/// flex columns' space, separators between them included, at least its minimum; the last flex column takes the
/// remainder), columns left out below a table width, one space between columns. Cells are padded or cut to their
/// column; the last column is padded only when `padLast`.
public struct Table: Sendable {
    public struct Column: Sendable {
        public enum Width: Sendable {
            case fixed(Int)
            case flex(min: Int, percent: Int = 100)
        }

        public var title: String
        public var width: Width
        public var alignRight: Bool
        /// The column is left out when the table is narrower than this.
        public var hideBelow: Int

        public init(_ title: String, _ width: Width, right: Bool = false, hideBelow: Int = 0) {
            self.title = title
            self.width = width
            self.alignRight = right
            self.hideBelow = hideBelow
        }
    }

    /// Every declared column; `widths[i]` is nil for a hidden one.
    public let columns: [Column]
    public let widths: [Int?]
    public let indent: Int
    public let padLast: Bool

    /// Lays `columns` out in `width` cells after `indent` leading cells.
    public init(_ columns: [Column], width: Int, indent: Int = 0, padLast: Bool = false) {
        self.columns = columns
        self.indent = indent
        self.padLast = padLast
        let shown = columns.map { width >= $0.hideBelow }
        let fixed = zip(columns, shown).reduce(0) { sum, c in
            guard c.1, case .fixed(let w) = c.0.width else { return sum }
            return sum + w
        }
        let separators = max(0, shown.filter { $0 }.count - 1)
        var rest = width - indent - fixed - separators
        let flexCount = zip(columns, shown).filter { c in
            if case .flex = c.0.width { return c.1 }
            return false
        }.count
        var flexSeen = 0
        let base = rest + max(0, flexCount - 1)
        widths = zip(columns, shown).map { c -> Int? in
            guard c.1 else { return nil }
            switch c.0.width {
            case .fixed(let w): return w
            case .flex(let minimum, let percent):
                flexSeen += 1
                let w = flexSeen == flexCount ? max(minimum, rest) : max(minimum, base * percent / 100)
                rest -= w
                return w
            }
        }
    }

    /// Whether the column titled `title` is shown at this width.
    public func shows(_ title: String) -> Bool {
        columns.firstIndex { $0.title == title }.map { widths[$0] != nil } ?? false
    }

    /// The width of the column titled `title` (0 when hidden).
    public func width(of title: String) -> Int {
        columns.firstIndex { $0.title == title }.flatMap { widths[$0] } ?? 0
    }

    /// The title of the column under offset `x` of a row (the indent and separators belong to none).
    public func column(at x: Int) -> String? {
        var col = indent
        for (i, w) in widths.enumerated() {
            guard let w else { continue }
            if x >= col && x < col + w { return columns[i].title }
            col += w + 1
        }
        return nil
    }

    /// The header line: the shown columns' titles, aligned like their cells.
    public var header: String { line(columns.map(\.title)) }

    /// One row as text from cells in declared order (cells of hidden columns are skipped).
    public func line(_ cells: [String]) -> String {
        var out = String(repeating: " ", count: indent)
        var first = true
        let last = widths.lastIndex { $0 != nil }
        for (i, w) in widths.enumerated() {
            guard let w, i < cells.count else { continue }
            if !first { out += " " }
            first = false
            out +=
                i == last && !padLast && !columns[i].alignRight
                ? DisplayWidth.truncate(cells[i], to: w)
                : DisplayWidth.pad(cells[i], to: w, right: columns[i].alignRight)
        }
        return out
    }

    /// Draws one row at (x, y) from cells in declared order, each with its role; returns the x after it.
    @discardableResult
    public func draw(_ s: inout Surface, _ cells: [(String, Role)], x: Int, y: Int) -> Int {
        var col = x + indent
        let last = widths.lastIndex { $0 != nil }
        for (i, w) in widths.enumerated() {
            guard let w, i < cells.count else { continue }
            let (text, role) = cells[i]
            let cell =
                i == last && !padLast && !columns[i].alignRight
                ? text : DisplayWidth.pad(text, to: w, right: columns[i].alignRight)
            s.put(cell, x: col, y: y, role: role, maxWidth: w)
            col += w + 1
        }
        return col
    }
}
