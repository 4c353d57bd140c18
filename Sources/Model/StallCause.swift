/// Why a stalled queue does not move, from the broker's consumers: none waiting and nothing in flight → no
/// consumers; none waiting but messages reserved → workers busy (or hung); consumers waiting elsewhere → nobody
/// consumes this queue. Unknown without CLIENT LIST.
public enum StallCause: Equatable, Sendable {
    case noConsumers, workersBusy, notConsumed, unknown

    public init(waitingConsumers: Int?, inFlight: Int) {
        switch waitingConsumers {
        case 0? where inFlight == 0: self = .noConsumers
        case 0?: self = .workersBusy
        case let n? where n > 0: self = .notConsumed
        default: self = .unknown
        }
    }

    /// The cause of a stall in `snapshot` (the same for every queue: Redis does not say which keys a BRPOP waits on).
    public init(_ snapshot: RedisSnapshot) {
        self.init(waitingConsumers: snapshot.waitingConsumerCount, inFlight: snapshot.inFlight)
    }

    /// The words after "stalled: " (nil when unknown).
    public var words: String? {
        switch self {
        case .noConsumers: return "no consumers"
        case .workersBusy: return "workers busy"
        case .notConsumed: return "not consumed"
        case .unknown: return nil
        }
    }
}
