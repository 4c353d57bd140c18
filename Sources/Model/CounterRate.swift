/// Per-second rate of a monotonically increasing counter (`n_tup_ins`, `xact_commit`, `total_commands`).
/// Invariant: a decrease, or a change of `epoch` (stats reset, server restart), restarts the rate in
/// `.initializing` instead of producing a negative or huge value.
public struct CounterRate: Sendable, Equatable {
    public private(set) var history: Series
    private var lastCounter: Double?
    private var lastEpoch: String?
    private var lastTime: Double?
    private var available = true
    /// Samples older than this many seconds make the rate stale.
    public var staleAfter: Double

    public init(capacity: Int = 120, staleAfter: Double = 10) {
        history = Series(capacity: capacity)
        self.staleAfter = staleAfter
    }

    /// Feeds one counter reading taken at `time`; `epoch` identifies the counter's lifetime.
    public mutating func observe(counter: Double?, epoch: String? = nil, at time: Double) {
        guard let counter else {
            available = false
            lastCounter = nil
            return
        }
        available = true
        defer {
            lastCounter = counter
            lastEpoch = epoch
            lastTime = time
        }
        guard let previous = lastCounter, let previousTime = lastTime, time > previousTime else { return }
        if counter < previous || epoch != lastEpoch {
            history.removeAll()
            return
        }
        history.append(time: time, value: (counter - previous) / (time - previousTime))
    }

    /// The rate's state at `now`.
    public func state(now: Double) -> RateState {
        guard available else { return .noData }
        guard let last = history.last else { return .initializing }
        if let t = lastTime, now - t > staleAfter { return .stale(lastRate: last.value) }
        return .data(perSecond: last.value)
    }
}
