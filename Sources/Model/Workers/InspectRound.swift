/// The outcome of one pidbox broadcast (`ping`, and when due `stats` + `active_queues`) collected for
/// `timeout` seconds (docs/reference/celery-redis-wire.md §7). `receivers` is PUBLISH's reply: the connections subscribed to
/// the mailbox, so `receivers > replies.count` means some workers are connected but did not answer.
public struct InspectRound: Sendable, Equatable, Codable {
    public var startedAt: Double
    public var timeout: Double
    /// "pickle" or "json": the request's serializer (it must be one the workers accept).
    public var serializer: String
    /// Whether this round also asked for `stats` and `active_queues`.
    public var detailed: Bool
    public var receivers: Int
    /// One entry per node that answered `ping`, sorted by name.
    public var replies: [WorkerInspection]
    /// Replies that could not be read (refused pickle opcodes, malformed envelopes), sanitized and bounded.
    public var problems: [String]

    public init(
        startedAt: Double, timeout: Double, serializer: String, detailed: Bool, receivers: Int,
        replies: [WorkerInspection], problems: [String] = []
    ) {
        self.startedAt = startedAt
        self.timeout = timeout
        self.serializer = serializer
        self.detailed = detailed
        self.receivers = receivers
        self.replies = replies
        self.problems = problems
    }

    /// Connected to the mailbox but silent: receivers that did not answer (never negative).
    public var silentReceivers: Int { max(0, receivers - replies.count) }
}

/// What one worker said in a round: `ping`'s pong, and from `stats` / `active_queues` when asked.
public struct WorkerInspection: Sendable, Equatable, Codable {
    public var name: String
    public var pong: Bool
    public var pid: Int?
    /// Σ of `stats.total` (tasks handled per name since start).
    public var processed: Int?
    public var concurrency: Int?
    public var prefetch: Int?
    public var uptime: Double?
    /// Queue names from `active_queues`.
    public var queues: [String]?

    public init(
        name: String, pong: Bool = true, pid: Int? = nil, processed: Int? = nil, concurrency: Int? = nil,
        prefetch: Int? = nil, uptime: Double? = nil, queues: [String]? = nil
    ) {
        self.name = name
        self.pong = pong
        self.pid = pid
        self.processed = processed
        self.concurrency = concurrency
        self.prefetch = prefetch
        self.uptime = uptime
        self.queues = queues
    }
}
