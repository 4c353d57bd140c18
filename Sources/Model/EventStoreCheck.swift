/// Whether Sentry's events are stored in Postgres at all. The events/s figure counts `nodestore_node` inserts;
/// self-hosted 25.9 moved nodestore to SeaweedFS (docs/reference/sentry-schema.md §2.11), where that count stands
/// still while events keep arriving — and 0 would be a lie. Evidence of events elsewhere: issues keep being seen
/// (the newest `last_seen` moves, which only events do) for `window` seconds without one nodestore insert.
/// Invariant: a single insert clears the verdict at once (events are in Postgres after all).
public struct EventStoreCheck: Sendable, Equatable {
    /// Seconds of issue activity without nodestore inserts before events are said to be stored elsewhere.
    public let window: Double
    /// Times the newest `last_seen` must move within the window (one move could be a clock or a flush edge).
    public let moves: Int
    /// True once events are seen arriving that nodestore_node does not receive.
    public private(set) var elsewhere = false
    private var lastInserts: Int64?
    private var lastSeen: Double?
    /// When the current run without inserts started, and how often `last_seen` moved since.
    private var quietSince: Double?
    private var seenMoves = 0

    /// Two minutes: longer than Sentry's 10 s buffer flush and a quiet spell between events of a small install.
    public static let defaultWindow = 120.0

    public init(window: Double = defaultWindow, moves: Int = 3) {
        self.window = window
        self.moves = moves
    }

    /// Feeds one Postgres sample: the nodestore insert counter and the newest issue `last_seen` (nil: unknown).
    public mutating func observe(nodestoreInserts: Int64?, latestSeen: Double?, at time: Double) {
        guard let inserts = nodestoreInserts, let seen = latestSeen else { return }
        defer {
            lastInserts = inserts
            lastSeen = seen
        }
        guard let previousInserts = lastInserts, let previousSeen = lastSeen else {
            quietSince = time
            return
        }
        if inserts != previousInserts {
            // Events are in Postgres (or the statistics were reset): start over.
            elsewhere = false
            quietSince = time
            seenMoves = 0
            return
        }
        if seen > previousSeen { seenMoves += 1 }
        if let since = quietSince, time - since >= window, seenMoves >= moves { elsewhere = true }
    }
}
