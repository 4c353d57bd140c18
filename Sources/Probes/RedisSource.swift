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

    private struct State {
        var slot: RedisSlot
        var probe: QueueProbe
    }

    private let thread = WorkerThread(name: "sentry-console.redis")
    private let state: ThreadConfined<State>
    public let configuration: Configuration

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        let c = configuration
        let slot = RedisSlot { () throws(ProbeError) in
            try RedisConnection(c.endpoint, connectTimeoutMs: c.connectTimeoutMs, commandTimeoutMs: c.commandTimeoutMs)
        }
        state = ThreadConfined(State(slot: slot, probe: QueueProbe(configuration: configuration.queues)))
    }

    deinit { thread.stop() }

    /// Publishes (or with nil withdraws) an alert silence on the shared board, pruning expired entries. Write
    /// mode only: the app calls it only then. Touches no key but `sentry-console:silences`.
    public func publishSilence(key: String, _ silence: AlertEngine.Silence?) async -> ProbeError? {
        let state = self.state
        return await thread.run { () -> ProbeError? in
            let result = state.value.slot.use { conn throws(ProbeError) in
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
    }

    /// One complete sample, or the reason there is none.
    public func sample() async -> Result<RedisSnapshot, ProbeError> {
        let state = self.state
        return await thread.run { () -> Result<RedisSnapshot, ProbeError> in
            var probe = state.value.probe
            defer { state.value.probe = probe }
            return state.value.slot.use { conn throws(ProbeError) in
                try probe.sample(conn, now: Date().timeIntervalSince1970)
            }
        }
    }
}
