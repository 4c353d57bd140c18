import Dispatch
import Model

/// A connection the console holds to a server: `isHealthy` says whether it can still be used.
protocol ServerConnection: AnyObject, SendableMetatype {
    var isHealthy: Bool { get }
}

extension PostgresConnection: ServerConnection {}
extension RedisConnection: ServerConnection {}

/// One server connection owned by one `WorkerThread`, with the state that goes with it. Jobs run there in order:
/// the connection is made on first use (then `prepare` fills the state, e.g. schema discovery), and made again
/// after a failure left it unusable or `dropAfter` says so (a timeout: the server may still be working on it).
/// Every source of the console (Postgres, Redis, pidbox, the writer) uses one; backoff is the sampler's.
/// A job that was already waiting while a connect attempt failed gets that failure instead of trying again: a hung
/// server costs one connect timeout, not one per queued job (the sample would wait behind the issue stream's).
final class ConnectionOwner<Connection: ServerConnection, State>: @unchecked Sendable {
    // Invariant: `connection` and `state` are only touched by jobs on `thread`.
    private let thread: WorkerThread
    private var connection: Connection?
    private var state: State
    private let connect: @Sendable () throws(ProbeError) -> Connection
    private let prepare: @Sendable (Connection, inout State) throws(ProbeError) -> Void
    private let dropAfter: @Sendable (ProbeError) -> Bool
    /// The last failed connect and when it ended (monotonic nanoseconds).
    private var lastConnectFailure: (error: ProbeError, at: UInt64)?

    init(
        name: String, state: State, connect: @escaping @Sendable () throws(ProbeError) -> Connection,
        prepare: @escaping @Sendable (Connection, inout State) throws(ProbeError) -> Void = { _, _ in },
        dropAfter: @escaping @Sendable (ProbeError) -> Bool = { _ in false }
    ) {
        thread = WorkerThread(name: name)
        self.state = state
        self.connect = connect
        self.prepare = prepare
        self.dropAfter = dropAfter
    }

    deinit { thread.stop() }

    /// Runs `body` on the connection's thread, connecting first when there is no usable connection.
    func run<T: Sendable>(_ body: @escaping @Sendable (Connection, inout State) throws(ProbeError) -> T) async
        -> Result<T, ProbeError>
    {
        let queued = DispatchTime.now().uptimeNanoseconds
        return await thread.run { () -> Result<T, ProbeError> in
            if let failed = self.lastConnectFailure, failed.at >= queued { return .failure(failed.error) }
            do throws(ProbeError) {
                let conn = try self.usable()
                return .success(try body(conn, &self.state))
            } catch {
                if self.connection?.isHealthy != true || self.dropAfter(error) { self.connection = nil }
                return .failure(error)
            }
        }
    }

    /// Runs `body` with the current connection if there is one (never connects): clean-up on exit.
    func ifConnected(_ body: @escaping @Sendable (Connection, inout State) -> Void) async {
        await thread.run {
            if let conn = self.connection, conn.isHealthy { body(conn, &self.state) }
        }
    }

    private func usable() throws(ProbeError) -> Connection {
        if let conn = connection, conn.isHealthy { return conn }
        connection = nil
        do throws(ProbeError) {
            let conn = try connect()
            try prepare(conn, &state)
            connection = conn
            lastConnectFailure = nil
            return conn
        } catch {
            lastConnectFailure = (error, DispatchTime.now().uptimeNanoseconds)
            throw error
        }
    }
}
