import Foundation
import Model

/// The only code that writes to Sentry's Postgres, used only in write mode. It owns a separate read-write
/// session (`application_name=sentry-console-write`) on its own thread and applies one action per issue in
/// one transaction: lock the row, skip it if its status is not the one displayed (optimistic concurrency),
/// then write what Sentry writes (docs/reference/sentry-schema.md §5): the group row, activity, group history, inbox,
/// resolution, snooze, assignee or bookmark rows. Tables or columns an install lacks are skipped.
public final class TriageWriter: Sendable {
    public struct Configuration: Sendable {
        public var conninfo: String?
        public var statementTimeoutMs = 5000
        public var connectTimeoutS = 5
        public init(conninfo: String?) { self.conninfo = conninfo }
    }

    private struct State {
        var conn: PostgresConnection?
        var schema: IssueSchema?
    }

    private let thread = WorkerThread(name: "sentry-console.write")
    private let state = ThreadConfined(State())
    private let configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    deinit { thread.stop() }

    /// Applies `action` to each target in order; one outcome per target, same order.
    public func apply(_ action: TriageAction, to targets: [TriageTarget], actor: SentryUser) async -> [TriageOutcome] {
        let state = self.state
        let configuration = self.configuration
        return await thread.run { () -> [TriageOutcome] in
            let conn: PostgresConnection
            let schema: IssueSchema
            do throws(ProbeError) {
                if state.value.conn?.isHealthy != true {
                    var s = PostgresConnection.Settings(conninfo: configuration.conninfo)
                    s.readOnly = false
                    s.applicationName = "sentry-console-write"
                    s.statementTimeoutMs = configuration.statementTimeoutMs
                    s.connectTimeoutS = configuration.connectTimeoutS
                    state.value.conn = try PostgresConnection(s)
                    state.value.schema = try IssueSchema.discover(state.value.conn!)
                }
                conn = state.value.conn!
                schema = state.value.schema!
            } catch {
                state.value.conn = nil
                return targets.map { _ in .failed(error.message) }
            }
            return targets.map { target in
                let statements = TriageStatements(conn: conn, schema: schema, actor: actor)
                do throws(ProbeError) {
                    _ = try conn.query("BEGIN")
                    let outcome = try statements.apply(action, to: target)
                    _ = try conn.query(outcome == .applied ? "COMMIT" : "ROLLBACK")
                    return outcome
                } catch {
                    _ = try? conn.query("ROLLBACK")
                    return .failed(error.message)
                }
            }
        }
    }
}
