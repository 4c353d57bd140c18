/// One `worker-online` / `worker-heartbeat` / `worker-offline` event heard on the celeryev fanout
/// (docs/reference/celery-redis-wire.md §6). Strings are sanitized; `receivedAt` is the console's own clock, which is what
/// Celery's liveness rule uses (alive while now < receivedAt + 2 × freq); the registry dates a heartbeat read late
/// by `sentAt` and the worker's observed clock offset (`WorkerRegistry.Worker.sendTime`).
public struct WorkerHeartbeat: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case online, heartbeat, offline }

    /// The node name, e.g. `celery@host`.
    public var hostname: String
    public var kind: Kind
    public var pid: Int?
    /// Seconds between heartbeats the worker promises (2 by default; 5 for a wake-up heartbeat).
    public var freq: Double
    /// Requests running now.
    public var active: Int?
    /// Tasks handled since the worker started.
    public var processed: Int?
    public var loadavg: [Double]?
    /// `sw_ident sw_ver`, e.g. "py-celery 5.6.3".
    public var software: String?
    /// The worker's own clock at sending (`timestamp`): with the observed offset it dates a heartbeat read late.
    public var sentAt: Double?
    public var receivedAt: Double

    public init(
        hostname: String, kind: Kind, pid: Int? = nil, freq: Double = 2, active: Int? = nil, processed: Int? = nil,
        loadavg: [Double]? = nil, software: String? = nil, sentAt: Double? = nil, receivedAt: Double
    ) {
        self.hostname = hostname
        self.kind = kind
        self.pid = pid
        self.freq = freq
        self.active = active
        self.processed = processed
        self.loadavg = loadavg
        self.software = software
        self.sentAt = sentAt
        self.receivedAt = receivedAt
    }
}
