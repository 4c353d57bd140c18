import Model
import Probes

/// The issue stream as Sentry counts it: the Postgres rows, then (right after, so a flush rarely falls between
/// the two reads) the increments still pending in Sentry's Redis buffer. A broker that does not answer within
/// `redisBudget` leaves the rows as stored (`pendingTimesSeen` nil: unknown, shown without it).
enum IssuesWithPending {
    /// Seconds the stream waits for the buffer read before it is shown without it: enough for a reconnect on a
    /// loaded host (a count flickering between stored and live would mislead), short against the 5 s refresh.
    static let redisBudget = 1.5

    /// The headless `issues` command waits longer: nobody is watching a screen freeze, and a first connect on a
    /// loaded host can take more than the console's budget.
    static let commandBudget = 5.0

    static func read(
        _ pg: PostgresSource, _ redis: RedisSource?, _ query: IssueQuery, sort: IssueSort, me: Int64?,
        limit: Int = 200, budget: Double = redisBudget
    ) async -> Result<IssuesSnapshot, ProbeError> {
        let result = await pg.issues(query, sort: sort, me: me, limit: limit)
        guard let redis, case .success(var snap) = result, !snap.rows.isEmpty,
            let pending = await redis.pendingTimesSeen(snap.rows.map(\.id), within: budget)
        else { return result }
        for i in snap.rows.indices { snap.rows[i].pendingTimesSeen = pending[snap.rows[i].id] }
        return .success(snap)
    }
}
