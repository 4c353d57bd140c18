import Foundation
import Model

/// The Redis side of the console: one connection on its own thread, reconnected after any failure.
public final class RedisSource: Sendable {
    public struct Configuration: Sendable {
        public var endpoint: RedisEndpoint
        public var connectTimeoutMs = 2000
        public var commandTimeoutMs = 2000
        public var queues = QueueProbe.Configuration()
        public init(endpoint: RedisEndpoint) { self.endpoint = endpoint }
    }

    private let owner: ConnectionOwner<RedisConnection, QueueProbe>
    public let configuration: Configuration

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        let c = configuration
        owner = ConnectionOwner(
            name: "sentry-console.redis", state: QueueProbe(configuration: configuration.queues),
            connect: { () throws(ProbeError) in
                try RedisConnection(
                    c.endpoint, connectTimeoutMs: c.connectTimeoutMs, commandTimeoutMs: c.commandTimeoutMs)
            })
    }

    /// Publishes (or with nil withdraws) an alert silence on the shared board, pruning expired entries. Write
    /// mode only: the app calls it only then. Touches no key but `sentry-console:silences`.
    public func publishSilence(key: String, _ silence: AlertEngine.Silence?) async -> ProbeError? {
        let result = await owner.run { conn, _ throws(ProbeError) in
            let now = Date().timeIntervalSince1970
            let current = try conn.command("HGETALL", SilenceBoard.key)
            let cmds = SilenceBoard.commands(key: key, silence: silence, current: current, now: now)
            let replies = try conn.pipeline(cmds.map { $0.map { Array($0.utf8) } })
            for case .error(let message) in replies {
                throw ProbeError(.server, TextSanitizer.clean(message, maxLength: 200))
            }
        }
        if case .failure(let e) = result { return e }
        return nil
    }

    /// Pending `times_seen` increments of these issues in Sentry's Redis buffer, read right after their Postgres
    /// rows so the sum is the count Sentry shows; nil when Redis does not answer within `seconds` (the issue
    /// stream is not held up by a slow broker) or the keys cannot be derived.
    public func pendingTimesSeen(_ ids: [Int64], within seconds: Double) async -> [Int64: Int64]? {
        let owner = self.owner
        let result = await Deadline.value(within: seconds) {
            await owner.run { conn, probe throws(ProbeError) in
                let pending = try SentryBuffer.pendingTimesSeen(conn, ids: ids)
                // One HGET per issue asked, counted as the console's own commands (Redis ops/s leaves them out).
                if pending != nil { probe.commandsSent += Int64(min(ids.count, SentryBuffer.maxIds)) }
                return pending
            }
        }
        guard case .success(let pending)? = result else { return nil }
        return pending
    }

    /// One complete sample, or the reason there is none; `clients` sets how often `CLIENT LIST` is read.
    public func sample(clients: ClientListDemand = .background) async -> Result<RedisSnapshot, ProbeError> {
        await owner.run { conn, probe throws(ProbeError) in
            try probe.sample(conn, now: Date().timeIntervalSince1970, clients: clients)
        }
    }
}
