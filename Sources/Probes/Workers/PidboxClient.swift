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
        /// Each command's timeout (the round polls with RPOP, so none waits for the reply window).
        public var commandTimeoutMs = 2000
        public init(endpoint: RedisEndpoint) { self.endpoint = endpoint }
    }

    private let owner: ConnectionOwner<RedisConnection, PidboxSession>
    public let configuration: Configuration

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        var s = PidboxSession.Settings()
        s.keyPrefix = configuration.keyPrefix
        s.serializer = PidboxMessage.Serializer(rawValue: configuration.serializer) ?? .pickle
        s.timeout = min(10, max(0.2, configuration.timeout))
        let c = configuration
        owner = ConnectionOwner(
            name: "sentry-console.pidbox", state: PidboxSession(settings: s),
            connect: { () throws(ProbeError) in
                try RedisConnection(
                    c.endpoint, connectTimeoutMs: c.connectTimeoutMs, commandTimeoutMs: c.commandTimeoutMs,
                    name: "sentry-console-pidbox")
            })
    }

    /// One round: ping every worker (and every 10th round stats + active_queues), collected for `timeout` s.
    public func inspect() async -> Result<InspectRound, ProbeError> {
        await owner.run { conn, session throws(ProbeError) in
            try session.round(conn, now: Date().timeIntervalSince1970, clock: { Date().timeIntervalSince1970 })
        }
    }

    /// Deletes what the last round may have left (late replies); called on exit.
    public func finish() async {
        await owner.ifConnected { conn, session in try? session.cleanLeftovers(conn) }
    }
}
