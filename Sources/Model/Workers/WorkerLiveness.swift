/// Whether a worker is alive, from the freshest of its heartbeats and pings. Never "alive" by default: a worker
/// is alive only on a heartbeat within 2 × freq or an answer to the latest recent ping.
public enum WorkerLiveness: Sendable, Equatable {
    case alive
    /// Said goodbye (`worker-offline`): a clean stop.
    case offline(at: Double)
    /// No heartbeat within 2 × freq and/or no answer to the latest ping. `connected` is what PUBLISH's
    /// receiver count says of its mailbox connection: true → still subscribed (frozen or busy), false → the
    /// connection is gone (process died, host unreachable), nil → cannot tell.
    case silent(since: Double, connected: Bool?)
    /// Known only from pings, and no ping round ran recently (the inspection itself is failing or off).
    case unknown(since: Double)

    public var isAlive: Bool { self == .alive }

    /// Severity order for sorting: the worst first.
    public var rank: Int {
        switch self {
        case .silent(_, connected: false): return 0
        case .silent: return 1
        case .unknown: return 2
        case .offline: return 3
        case .alive: return 4
        }
    }
}
