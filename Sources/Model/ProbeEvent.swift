/// What a sampler reports to the store: one probe result, stamped with when it arrived.
public enum ProbeEvent: Sendable {
    case postgres(Result<PostgresSnapshot, ProbeError>, at: Double, retryAt: Double)
    case redis(Result<RedisSnapshot, ProbeError>, at: Double, retryAt: Double)
    case issues(Result<IssuesSnapshot, ProbeError>, at: Double, retryAt: Double)
    /// The detail of issue `id` (the id travels with a failure too, so a late answer never lands on another issue).
    case issueDetail(id: Int64, Result<IssueDetail, ProbeError>, at: Double)
    /// Heartbeats heard since the last report (latest per worker), or why the listener is not listening.
    case heartbeats(Result<[WorkerHeartbeat], ProbeError>, at: Double, retryAt: Double)
    /// One pidbox round (`--inspect-workers`).
    case inspection(Result<InspectRound, ProbeError>, at: Double, retryAt: Double)
    /// Slugs and short ids for the ids in queue breakdowns.
    case names(Result<EntityNames, ProbeError>, at: Double)
    /// The client keys of project `id` (the queue detail).
    case projectKeys(id: Int64, Result<ProjectKeys, ProbeError>, at: Double)

    /// When the event happened.
    public var time: Double {
        switch self {
        case .postgres(_, let at, _), .redis(_, let at, _), .issues(_, let at, _), .issueDetail(_, _, let at),
            .heartbeats(_, let at, _), .inspection(_, let at, _), .names(_, let at),
            .projectKeys(_, _, let at):
            return at
        }
    }
}
