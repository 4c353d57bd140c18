/// The changed runs between two frames: what the backend must send. Invariant: applying the runs of
/// `diff(from: a, to: b)` onto a screen showing `a` makes it show `b`; a wide glyph and its continuation are
/// always sent together.
public enum SurfaceDiff {
    public struct Run: Equatable, Sendable {
        public var x: Int
        public var y: Int
        public var cells: [Cell]
    }

    public static func diff(from old: Surface?, to new: Surface) -> [Run] {
        var runs: [Run] = []
        let sameSize = old.map { $0.width == new.width && $0.height == new.height } ?? false
        for y in 0..<new.height {
            var changed = [Bool](repeating: !sameSize, count: new.width)
            if sameSize, let old {
                for x in 0..<new.width where old[x, y] != new[x, y] { changed[x] = true }
                for x in 0..<new.width where changed[x] {
                    if x > 0 && (new[x, y].isContinuation || old[x, y].isContinuation) { changed[x - 1] = true }
                    if x + 1 < new.width && (new[x + 1, y].isContinuation || old[x + 1, y].isContinuation) {
                        changed[x + 1] = true
                    }
                }
            }
            var x = 0
            while x < new.width {
                guard changed[x] else {
                    x += 1
                    continue
                }
                var end = x
                while end < new.width && changed[end] { end += 1 }
                var start = x
                if new[start, y].isContinuation && start > 0 { start -= 1 }
                runs.append(Run(x: start, y: y, cells: (start..<end).map { new[$0, y] }))
                x = end
            }
        }
        return runs
    }

    /// Number of cells in a set of runs (a proxy for bytes sent).
    public static func cellCount(_ runs: [Run]) -> Int { runs.reduce(0) { $0 + $1.cells.count } }
}
