/// Redis connections of one client address on the broker db, classified from `CLIENT LIST` (the console's own
/// connections, named `sentry-console*`, are left out). A live idle Celery consumer re-issues `BRPOP … 1` every
/// second, so it is nearly always blocked; a consumer connection whose last command was BRPOP but which has
/// been idle for seconds has stopped polling (prefetch full, or the worker is frozen).
public struct ConsumerHost: Sendable, Equatable, Codable {
    /// Seconds a BRPOP connection may sit unblocked before it counts as not polling.
    public static let notPollingAfter = 5

    public var address: String
    /// Blocked in BRPOP/BLPOP: idle consumers waiting for work.
    public var waiting: Int
    /// Last command BRPOP, not blocked, idle < `notPollingAfter` s: just took work and polls again soon.
    public var busy: Int
    /// Last command BRPOP, not blocked, idle ≥ `notPollingAfter` s.
    public var notPolling: Int
    /// The longest such idle time, seconds.
    public var longestNotPolling: Int?
    /// Connections with pattern/channel subscriptions (worker mailboxes, event listeners).
    public var subscribers: Int
    /// Everything else on the broker db (producers, web, result readers).
    public var other: Int

    public init(
        address: String, waiting: Int = 0, busy: Int = 0, notPolling: Int = 0, longestNotPolling: Int? = nil,
        subscribers: Int = 0,
        other: Int = 0
    ) {
        self.address = address
        self.waiting = waiting
        self.busy = busy
        self.notPolling = notPolling
        self.longestNotPolling = longestNotPolling
        self.subscribers = subscribers
        self.other = other
    }

    /// Connections that consume queues (last command BRPOP: waiting, busy or not polling).
    public var consumers: Int { waiting + busy + notPolling }
    public var total: Int { consumers + subscribers + other }
}
