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
    }

    private let thread = WorkerThread(name: "sentry-console.postgres")
    private let state = ThreadConfined(State())
    public let configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    deinit { thread.stop() }

    /// One complete sample, or the reason there is none.
    public func sample() async -> Result<PostgresSnapshot, ProbeError> {
        let state = self.state
        let configuration = self.configuration
        return await thread.run { () -> Result<PostgresSnapshot, ProbeError> in
            do throws(ProbeError) {
                if state.value.conn?.isHealthy != true {
                    state.value.conn = nil
                    var s = PostgresConnection.Settings(conninfo: configuration.conninfo)
                    s.statementTimeoutMs = configuration.statementTimeoutMs
                    s.connectTimeoutS = configuration.connectTimeoutS
                    let conn = try PostgresConnection(s)
                    state.value.conn = conn
                    state.value.install = try DatabaseProbe.install(conn)
                }
                guard let conn = state.value.conn, let install = state.value.install else {
                    throw ProbeError(.io, "not connected")
                }
                return .success(try DatabaseProbe.sample(conn, install: install))
            } catch {
                if state.value.conn?.isHealthy != true || error.kind == .timeout { state.value.conn = nil }
                return .failure(error)
            }
        }
    }
}
