/// One complete sample of the Redis side (queues, in-flight, buffers, server stats), taken in one pipelined
/// round trip. Strings in it are already sanitized.
public struct RedisSnapshot: Sendable, Equatable, Codable {
    /// Whether any Celery/kombu key was found in the broker db.
    public enum Broker: String, Sendable, Codable {
        /// Binding sets, queue lists or `unacked` exist: Celery-on-Redis.
        case celery
        /// No kombu key at all: the depths below are unknown, not zero.
        case absent
    }

    public var takenAt: Double
    public var db: Int
    public var keyPrefix: String
    public var broker: Broker
    /// Queues sorted by depth (deepest first), then name.
    public var queues: [QueueSample]
    /// `HLEN unacked`: reserved by workers, not yet acknowledged.
    public var inFlight: Int
    /// Age of the oldest `unacked_index` entry, in seconds.
    public var oldestInFlightSeconds: Double?
    /// `ZCARD b:p`: Sentry's pending buffer flushes (nil when the key is absent).
    public var bufferBacklog: Int?
    public var stats: RedisStats
    /// Clients blocked in BRPOP on this db (idle Celery consumers), by host; nil when CLIENT LIST is refused.
    public var waitingConsumers: [NamedCount]?
    /// Every client address on this db with its consumer / subscriber / other connections; nil when CLIENT LIST
    /// is refused.
    public var consumerHosts: [ConsumerHost]?
    /// When `CLIENT LIST` behind `waitingConsumers`/`consumerHosts` was read (it is O(clients) for Redis, so it
    /// is read every 10 s, not every refresh).
    public var consumerHostsAt: Double?
    /// Why the binding sets could not be listed (SCAN refused by an ACL or renamed), if so: the queues are then
    /// Sentry's names and the user's only.
    public var discoveryRefused: String?
    /// Blocked clients (`INFO` `blocked_clients`) that the `CLIENT LIST` reading did not count as this db's
    /// waiting consumers (other dbs, XREAD, WAIT, …), taken in the same pipeline; it calibrates the live estimate
    /// in `waitingConsumerCount`.
    public var otherBlockedClients: Int?
    /// In-flight messages by routing key among the oldest `InFlightGroup.sampleSize` (nil: not read yet or
    /// nothing in flight), with when that breakdown was read.
    public var inFlightByQueue: [InFlightGroup]?
    public var inFlightByQueueAt: Double?
    /// Acknowledgements and snoozes other consoles shared (`sentry-console:silences`), expired ones dropped;
    /// nil when not read.
    public var sharedSilences: [String: AlertEngine.Silence]?
    /// Backlog attribution of the queues whose contents were sampled in this refresh (nil: none was due).
    public var breakdowns: [QueueBreakdown]?
    /// Commands this console has sent to Redis so far (cumulative), left out of the ops/s it shows.
    public var consoleCommands: Int64
    /// Round trips this sample took (1 in steady state: every depth, INFO, CLIENT LIST in one pipeline; more
    /// on a discovery, the first peek or an in-flight breakdown) and the main pipeline's wall time.
    public var roundTrips: Int?
    public var pipelineMs: Double?

    public init(
        takenAt: Double, db: Int, keyPrefix: String, broker: Broker, queues: [QueueSample], inFlight: Int,
        oldestInFlightSeconds: Double?, bufferBacklog: Int?, stats: RedisStats, consoleCommands: Int64 = 0
    ) {
        self.takenAt = takenAt
        self.db = db
        self.keyPrefix = keyPrefix
        self.broker = broker
        self.queues = queues
        self.inFlight = inFlight
        self.oldestInFlightSeconds = oldestInFlightSeconds
        self.bufferBacklog = bufferBacklog
        self.stats = stats
        self.consoleCommands = consoleCommands
    }

    /// Number of clients blocked in BRPOP on this db (nil: unknown, e.g. CLIENT LIST refused): live from every
    /// refresh's `blocked_clients` minus those the last `CLIENT LIST` attributed elsewhere, so it follows workers
    /// between the (slow, O(clients)) list reads; the list's own count when `INFO` lacks the figure.
    public var waitingConsumerCount: Int? {
        guard let listed = waitingConsumers.map({ $0.reduce(0) { $0 + $1.count } }) else { return nil }
        guard let blocked = stats.blockedClients, let other = otherBlockedClients else { return listed }
        return max(0, blocked - other)
    }

    /// Sum of all queue depths.
    public var totalDepth: Int { queues.reduce(0) { $0 + $1.depth } }

    /// Every field but `breakdowns`, whose id-keyed tallies the `snapshot` JSON presents on its own (with
    /// slugs and short ids joined).
    enum CodingKeys: String, CodingKey {
        case takenAt, db, keyPrefix, broker, queues, inFlight, oldestInFlightSeconds, bufferBacklog, stats
        case waitingConsumers, consumerHosts, consumerHostsAt, otherBlockedClients, inFlightByQueue, inFlightByQueueAt,
            sharedSilences,
            consoleCommands
        case roundTrips, pipelineMs, discoveryRefused
    }
}

/// The depth of one kombu queue: the sum of its list and priority sub-lists.
public struct QueueSample: Sendable, Equatable, Codable {
    /// Where the queue name came from.
    public enum Source: String, Sendable, Codable {
        case binding
        case sentryDefault = "sentry-default"
        case user
    }

    public var name: String
    public var depth: Int
    /// Depth per list: the queue's own (priority step 0), then one per other step of kombu's `priority_steps`
    /// (default 3, 6, 9).
    public var byPriority: [Int]
    public var source: Source
    /// Task name of the next message out (`LINDEX Q -1`), "(pickled)" for protocol-1 pickle bodies.
    public var nextTask: String?

    /// Messages in the `i`-th list of the queue (0: its own list, then one per priority step), 0 past the end.
    public func depth(ofList i: Int) -> Int { byPriority.indices.contains(i) ? byPriority[i] : 0 }

    public init(name: String, depth: Int, byPriority: [Int], source: Source, nextTask: String? = nil) {
        self.name = name
        self.depth = depth
        self.byPriority = byPriority
        self.source = source
        self.nextTask = nextTask
    }
}

/// Server-wide Redis figures from `INFO`.
public struct RedisStats: Sendable, Equatable, Codable {
    public var version: String
    public var runId: String
    public var uptimeSeconds: Int
    public var usedMemory: Int64
    public var maxMemory: Int64
    public var connectedClients: Int
    /// Clients blocked in a blocking command, every db (nil: not in the reply, or an older recording).
    public var blockedClients: Int?
    public var totalCommands: Int64
    public var instantaneousOps: Int

    public init(
        version: String = "", runId: String = "", uptimeSeconds: Int = 0, usedMemory: Int64 = 0,
        maxMemory: Int64 = 0, connectedClients: Int = 0, totalCommands: Int64 = 0, instantaneousOps: Int = 0
    ) {
        self.version = version
        self.runId = runId
        self.uptimeSeconds = uptimeSeconds
        self.usedMemory = usedMemory
        self.maxMemory = maxMemory
        self.connectedClients = connectedClients
        self.totalCommands = totalCommands
        self.instantaneousOps = instantaneousOps
    }

    /// Parses the text of `INFO` (`key:value` lines; unknown keys ignored).
}
