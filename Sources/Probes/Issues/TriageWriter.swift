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

    private let owner: ConnectionOwner<PostgresConnection, IssueSchema?>

    public init(_ configuration: Configuration) {
        var s = PostgresConnection.Settings(conninfo: configuration.conninfo)
        s.readOnly = false
        s.applicationName = "sentry-console-write"
        s.statementTimeoutMs = configuration.statementTimeoutMs
        s.connectTimeoutS = configuration.connectTimeoutS
        let settings = s
        owner = ConnectionOwner(
            name: "sentry-console.write", state: nil,
            connect: { () throws(ProbeError) in try PostgresConnection(settings) },
            prepare: { conn, schema throws(ProbeError) in schema = try IssueSchema.discover(conn) })
    }

    /// Applies `action` to each target in order; one outcome per target, same order.
    public func apply(_ action: TriageAction, to targets: [TriageTarget], actor: SentryUser) async -> [TriageOutcome] {
        let result = await owner.run { conn, schema throws(ProbeError) in
            guard let schema else { throw ProbeError(.io, "schema not discovered") }
            return targets.map { target in
                let statements = TriageStatements(conn: conn, schema: schema, actor: actor)
                var committing = false
                do throws(ProbeError) {
                    _ = try conn.query("BEGIN")
                    let outcome = try statements.apply(action, to: target)
                    committing = outcome == .applied
                    _ = try conn.query(committing ? "COMMIT" : "ROLLBACK")
                    return outcome
                } catch {
                    if conn.isHealthy { _ = try? conn.query("ROLLBACK") }
                    // A COMMIT without an answer may have landed: say so instead of "failed".
                    guard committing, error.kind == .timeout || error.kind == .io else {
                        return .failed(error.message)
                    }
                    return .failed("outcome unknown (COMMIT sent, \(error.message)): reload the issue to see")
                }
            }
        }
        switch result {
        case .success(let outcomes): return outcomes
        case .failure(let error): return targets.map { _ in .failed(error.message) }
        }
    }
}
