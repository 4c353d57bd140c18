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

    /// Derives the trend from depth points (oldest first) over the last `window` seconds ending at `now`.
    /// Uses a least-squares slope, so one noisy sample does not flip the verdict.
    public static func from(_ points: [Series.Point], now: Double, window: Double = 120) -> QueueTrend {
        let recent = points.filter { $0.time >= now - window }
        guard let last = recent.last, recent.count >= 3, last.time - recent[0].time >= 1 else {
            if let last = points.last, last.value == 0 { return .empty }
            return .initializing
        }
        let slope = leastSquaresSlope(recent)  // per second
        let perMinute = slope * 60
        let depth = last.value
        if depth == 0 && slope <= 0 { return .empty }
        if recent.allSatisfy({ $0.value == depth }) {
            let span = last.time - recent[0].time
            return span >= 30 ? .stalled(forSeconds: span) : .steady
        }
        let relative = abs(perMinute) / max(depth, 1)
        if abs(perMinute) < 1 && relative < 0.01 { return .steady }
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
