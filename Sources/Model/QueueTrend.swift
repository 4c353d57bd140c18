/// Where a queue is heading, derived from its depth history; never invents a number it does not have.
public enum QueueTrend: Sendable, Equatable {
    /// Not enough history yet.
    case initializing
    /// Depth is zero and not growing.
    case empty
    /// Falling: `perMinute` < 0, draining to zero in `etaSeconds`.
    case draining(perMinute: Double, etaSeconds: Double)
    /// Rising at `perMinute` > 0.
    case growing(perMinute: Double)
    /// Non-empty and unchanged for the whole window: nothing is consuming it (or exactly as fast as it fills).
    case stalled(forSeconds: Double)
    /// Non-empty, moving, but with no net direction.
    case steady

    /// Seconds of history that decide direction and ETA: short enough that a drain right after a burst
    /// reads as a drain, long enough (≥ 3 samples) that one noisy sample does not flip it.
    public static let directionWindow: Double = 30
    /// A non-empty queue that has not changed at all for this long (within the last minute) is stalled.
    public static let stallAfter: Double = 30

    /// Derives the trend from depth points (oldest first) at `now`, by least-squares slope over the last
    /// `window` seconds.
    public static func from(_ points: [Series.Point], now: Double, window: Double = directionWindow) -> QueueTrend {
        guard let last = points.last else { return .initializing }
        let depth = last.value
        let minute = points.filter { $0.time >= now - 60 }
        if depth > 0, let first = minute.first, last.time - first.time >= stallAfter,
            minute.allSatisfy({ $0.value == depth })
        {
            return .stalled(forSeconds: last.time - first.time)
        }
        let recent = points.filter { $0.time >= now - window }
        guard recent.count >= 3, last.time - recent[0].time >= 1 else {
            return depth == 0 ? .empty : .initializing
        }
        var slope = leastSquaresSlope(recent)  // per second
        // A turn (burst over, drain begun) shows first in the newest samples: when the last 12 s disagree in
        // sign with the whole window, they win, so the words agree with the sparkline within a few samples.
        let newest = recent.filter { $0.time >= last.time - 12 }
        if newest.count >= 3 {
            let turn = leastSquaresSlope(newest)
            if turn * slope < 0 { slope = turn }
        }
        let perMinute = slope * 60
        if depth == 0 && slope <= 0 { return .empty }
        if abs(perMinute) < 1 && abs(perMinute) / max(depth, 1) < 0.01 { return .steady }
        if slope < 0 { return .draining(perMinute: perMinute, etaSeconds: depth / -slope) }
        return .growing(perMinute: perMinute)
    }

    static func leastSquaresSlope(_ pts: [Series.Point]) -> Double {
        let n = Double(pts.count)
        let t0 = pts[0].time
        let mx = pts.reduce(0) { $0 + ($1.time - t0) } / n
        let my = pts.reduce(0) { $0 + $1.value } / n
        var num = 0.0
        var den = 0.0
        for p in pts {
            let dx = p.time - t0 - mx
            num += dx * (p.value - my)
            den += dx * dx
        }
        return den == 0 ? 0 : num / den
    }
}
