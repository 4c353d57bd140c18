/// Per-issue event rates from `times_seen` deltas between refreshes (Sentry keeps no per-minute counter an
/// external tool can read, docs/reference/sentry-schema.md §6.7). Bounded: at most `maxIssues` issues × `capacity` points;
/// points are thinned to one per `spacing` seconds. A drop in the stored `times_seen` (merge, reset) restarts the
/// issue; a dip of the live count alone (a buffer flush caught half-way) is held at the last value.
public struct IssueRates: Sendable, Equatable {
    public let window: Double
    public let maxIssues: Int
    let spacing: Double
    let capacity: Int
    private var history: [Int64: Series] = [:]
    private var lastTouched: [Int64: Double] = [:]
    /// The stored (Postgres) `times_seen` last observed per issue: only a drop there is a reset.
    private var stored: [Int64: Int64] = [:]

    public init(windowMinutes: Int = 10, maxIssues: Int = 1000) {
        window = Double(windowMinutes) * 60
        self.maxIssues = maxIssues
        spacing = 5
        capacity = Int(window / spacing) + 12
    }

    public var trackedCount: Int { history.count }

    public mutating func observe(_ rows: [IssueRow], at time: Double) {
        for r in rows {
            var v = Double(r.liveTimesSeen)
            if history[r.id] == nil { history[r.id] = Series(capacity: capacity) }
            if r.timesSeen < stored[r.id] ?? 0 { history[r.id]!.removeAll() }
            stored[r.id] = r.timesSeen
            if let last = history[r.id]!.last {
                v = max(v, last.value)
                if time - last.time < spacing {
                    continue  // thinning: the next refresh catches up
                }
            }
            history[r.id]!.append(time: time, value: v)
            lastTouched[r.id] = time
        }
        if history.count > maxIssues {
            let evict = lastTouched.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(history.count - maxIssues)
            for (id, _) in evict {
                history[id] = nil
                lastTouched[id] = nil
                stored[id] = nil
            }
        }
    }

    /// Events seen in the last `window` seconds, and how many seconds of history that covers (less than the
    /// window while the console has not watched that long). Nil before two observations.
    public func recent(_ id: Int64, now: Double) -> (count: Int64, covered: Double)? {
        guard let pts = history[id]?.points, let last = pts.last, pts.count >= 2 else { return nil }
        let base = pts.last { $0.time <= now - window } ?? pts.first!
        return (Int64(last.value - base.value), last.time - base.time)
    }

    /// Events per minute over the last minute (at least 20 s of history), nil otherwise.
    public func perMinute(_ id: Int64, now: Double) -> Double? {
        guard let pts = history[id]?.points, let last = pts.last else { return nil }
        let base = pts.last { $0.time <= now - 60 } ?? pts.first!
        let span = last.time - base.time
        guard span >= 20 else { return nil }
        return (last.value - base.value) / span * 60
    }

    /// Events per minute over the part of the window before the last minute (the baseline a spike is
    /// compared with); nil with under two minutes of such history.
    public func baselinePerMinute(_ id: Int64, now: Double) -> Double? {
        guard let pts = history[id]?.points else { return nil }
        let older = pts.filter { $0.time <= now - 60 }
        guard let first = older.first, let last = older.last, last.time - first.time >= 120 else { return nil }
        return (last.value - first.value) / (last.time - first.time) * 60
    }

    /// Increments per bucket over the window, oldest first (`buckets` equal slices; sparkline input).
    public func buckets(_ id: Int64, now: Double, count buckets: Int = 10) -> [Double] {
        guard let pts = history[id]?.points, pts.count >= 2, buckets > 0 else { return [] }
        let width = window / Double(buckets)
        var out = [Double](repeating: 0, count: buckets)
        for (a, b) in zip(pts, pts.dropFirst()) {
            let d = b.value - a.value
            guard d > 0, b.time > now - window else { continue }
            // An increment belongs to the slice its interval ends in (an end exactly on a boundary closes the earlier slice).
            let slot = Int(((b.time - (now - window)) / width).rounded(.up)) - 1
            out[min(buckets - 1, max(0, slot))] += d
        }
        return out
    }
}
