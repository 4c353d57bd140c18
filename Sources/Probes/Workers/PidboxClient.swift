import Foundation
import Model

/// Opt-in active inspection (`--inspect-workers`): pidbox rounds on a connection and thread of their own, so
/// the ~1 s reply window never delays the queue sampler. Read-only inspect methods only (PidboxMessage.Method).
public final class PidboxClient: Sendable {
    public struct Configuration: Sendable {
        public var endpoint: RedisEndpoint
        public var keyPrefix = ""
        /// "pickle" (Sentry's workers accept only pickle) or "json" (Celery's default).
        public var serializer = "pickle"
        public var timeout: Double = 1
        public var connectTimeoutMs = 2000
        public init(endpoint: RedisEndpoint) { self.endpoint = endpoint }
    }

    private struct State {
        var slot: RedisSlot
        var session: PidboxSession
    }

    private let thread = WorkerThread(name: "sentry-console.pidbox")
    private let state: ThreadConfined<State>
    public let configuration: Configuration

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        var s = PidboxSession.Settings()
        s.keyPrefix = configuration.keyPrefix
        s.serializer = PidboxMessage.Serializer(rawValue: configuration.serializer) ?? .pickle
        s.timeout = min(10, max(0.2, configuration.timeout))
        let c = configuration
        let slot = RedisSlot { () throws(ProbeError) in
            // BRPOP blocks for up to the reply window: the command timeout must outlast it.
            try RedisConnection(
                c.endpoint, connectTimeoutMs: c.connectTimeoutMs, commandTimeoutMs: Int((s.timeout + 2) * 1000),
                name: "sentry-console-pidbox")
        }
        state = ThreadConfined(State(slot: slot, session: PidboxSession(settings: s)))
    }

    deinit { thread.stop() }

    /// One round: ping every worker (and every 10th round stats + active_queues), collected for `timeout` s.
    public func inspect() async -> Result<InspectRound, ProbeError> {
        let state = self.state
        return await thread.run { () -> Result<InspectRound, ProbeError> in
            var session = state.value.session
            defer { state.value.session = session }
            return state.value.slot.use { conn throws(ProbeError) in
                try session.round(conn, now: Date().timeIntervalSince1970, clock: { Date().timeIntervalSince1970 })
            }
        }
    }

    /// Deletes what the last round may have left (late replies); called on exit.
    public func finish() async {
        let state = self.state
        await thread.run {
            if let conn = state.value.slot.conn { try? state.value.session.cleanLeftovers(conn) }
        }
    }
}
