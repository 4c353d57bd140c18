import Foundation
import Model

/// The Postgres side of the console: one connection on its own thread, reconnected after any failure.
/// `sample()` never blocks the caller's thread; a hung server costs at most statement_timeout + 1 s there.
public final class PostgresSource: Sendable {
    public struct Configuration: Sendable {
        public var conninfo: String?
        public var statementTimeoutMs = 2000
        public var connectTimeoutS = 5
        public init(conninfo: String?) { self.conninfo = conninfo }
    }

    private struct State {
        var install: SentryInstall?
        var issueSchema: IssueSchema?
        /// The last `pg_stat_activity` reading (carried between reads on big servers).
        var activity: ActivityReading?
    }

    private let owner: ConnectionOwner<PostgresConnection, State>
    public let configuration: Configuration

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        var s = PostgresConnection.Settings(conninfo: configuration.conninfo)
        s.statementTimeoutMs = configuration.statementTimeoutMs
        s.connectTimeoutS = configuration.connectTimeoutS
        let settings = s
        // A new session rediscovers what the install has; a timed-out one is dropped (it may still be busy).
        owner = ConnectionOwner(
            name: "sentry-console.postgres", state: State(),
            connect: { () throws(ProbeError) in try PostgresConnection(settings) },
            prepare: { conn, state throws(ProbeError) in
                state.install = try DatabaseProbe.install(conn)
                state.issueSchema = nil
                state.activity = nil
            },
            dropAfter: { $0.kind == .timeout })
    }
    /// One complete sample, or the reason there is none.
    public func sample() async -> Result<PostgresSnapshot, ProbeError> {
        await withConnection { conn, state throws(ProbeError) in
            guard let install = state.install else { throw ProbeError(.io, "not connected") }
            return try DatabaseProbe.sample(conn, install: install, activity: &state.activity)
        }
    }

    /// One refresh of the issue stream (same connection and thread as the health sample: no extra backend).
    public func issues(_ query: IssueQuery, sort: IssueSort, me: Int64?, limit: Int = 200) async -> Result<
        IssuesSnapshot, ProbeError
    > {
        await withConnection { conn, state throws(ProbeError) in
            try IssueProbe.stream(
                conn, schema: try Self.schema(conn, &state), query: query, sort: sort, me: me, limit: limit)
        }
    }

    /// Activity and latest stored event of one issue.
    public func issueDetail(_ row: IssueRow) async -> Result<IssueDetail, ProbeError> {
        await withConnection { conn, state throws(ProbeError) in
            try IssueProbe.detail(conn, schema: try Self.schema(conn, &state), row: row)
        }
    }

    /// Slugs and short ids for the ids of queue breakdowns (bounded primary-key lookups).
    public func names(projects: [Int64], issues: [Int64]) async -> Result<EntityNames, ProbeError> {
        await withConnection { conn, _ throws(ProbeError) in
            try NameProbe.names(conn, projects: projects, issues: issues)
        }
    }

    /// A project's client keys and their rate limits (the queue detail's runbook).
    public func projectKeys(_ projectId: Int64) async -> Result<ProjectKeys, ProbeError> {
        await withConnection { conn, _ throws(ProbeError) in
            try ProjectKeyProbe.keys(conn, projectId: projectId)
        }
    }

    /// An active Sentry user by email or username, or nil.
    public func user(_ who: String) async -> Result<SentryUser?, ProbeError> {
        await withConnection { conn, _ throws(ProbeError) in
            try IssueProbe.user(conn, who)
        }
    }

    private static func schema(_ conn: PostgresConnection, _ state: inout State) throws(ProbeError) -> IssueSchema {
        if let s = state.issueSchema { return s }
        let s = try IssueSchema.discover(conn)
        state.issueSchema = s
        return s
    }

    private func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection, inout State) throws(ProbeError) -> T
    ) async -> Result<T, ProbeError> {
        await owner.run(body)
    }
}
