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
        var conn: PostgresConnection?
        var install: SentryInstall?
        var issueSchema: IssueSchema?
    }

    private let thread = WorkerThread(name: "sentry-console.postgres")
    private let state = ThreadConfined(State())
    public let configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    deinit { thread.stop() }

    /// One complete sample, or the reason there is none.
    public func sample() async -> Result<PostgresSnapshot, ProbeError> {
        await withConnection { conn, state throws(ProbeError) in
            guard let install = state.install else { throw ProbeError(.io, "not connected") }
            return try DatabaseProbe.sample(conn, install: install)
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

    /// Runs `body` on the connection thread, (re)connecting first; a broken or timed-out connection is dropped.
    private func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection, inout State) throws(ProbeError) -> T
    ) async -> Result<T, ProbeError> {
        let state = self.state
        let configuration = self.configuration
        return await thread.run { () -> Result<T, ProbeError> in
            do throws(ProbeError) {
                if state.value.conn?.isHealthy != true {
                    state.value.conn = nil
                    state.value.issueSchema = nil
                    var s = PostgresConnection.Settings(conninfo: configuration.conninfo)
                    s.statementTimeoutMs = configuration.statementTimeoutMs
                    s.connectTimeoutS = configuration.connectTimeoutS
                    let conn = try PostgresConnection(s)
                    state.value.conn = conn
                    state.value.install = try DatabaseProbe.install(conn)
                }
                guard let conn = state.value.conn else { throw ProbeError(.io, "not connected") }
                return .success(try body(conn, &state.value))
            } catch {
                if state.value.conn?.isHealthy != true || error.kind == .timeout { state.value.conn = nil }
                return .failure(error)
            }
        }
    }
}
