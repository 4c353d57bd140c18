/// What a sampler reports to the store: one probe result, stamped with when it arrived.
public enum ProbeEvent: Sendable {
    case postgres(Result<PostgresSnapshot, ProbeError>, at: Double, retryAt: Double)
    case redis(Result<RedisSnapshot, ProbeError>, at: Double, retryAt: Double)
    case issues(Result<IssuesSnapshot, ProbeError>, at: Double, retryAt: Double)
    case issueDetail(Result<IssueDetail, ProbeError>, at: Double)

    /// When the event happened.
    public var time: Double {
        switch self {
        case .postgres(_, let at, _), .redis(_, let at, _), .issues(_, let at, _), .issueDetail(_, let at): return at
        }
    }
}
