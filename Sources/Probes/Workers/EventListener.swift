import Foundation
import Model

/// The passive worker feed: `PSUBSCRIBE {P}/{db}.celeryev/worker.*` on a connection of its own (a subscribed
/// RESP2 connection can do nothing else) and a thread of its own. It only listens: it creates no key and
/// publishes nothing. Task events (`task.multi`) are not subscribed to, so a busy cluster's event traffic
/// costs nothing. Reconnects with backoff; a PING every 15 s of silence detects a dead server.
public final class EventListener: Sendable {
    public struct Configuration: Sendable {
        public var endpoint: RedisEndpoint
        public var keyPrefix = ""
        public var connectTimeoutMs = 2000
        public init(endpoint: RedisEndpoint) { self.endpoint = endpoint }
    }

    /// Shared between the listening thread and `drain()`; every field is guarded by `lock`.
    private final class Shared: @unchecked Sendable {
        let lock = NSLock()
        var pending: [String: WorkerHeartbeat] = [:]
        var failure: ProbeError?
        var stopped = false
    }

    private let shared = Shared()
    public let configuration: Configuration

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        let shared = self.shared
        let thread = Thread { Self.run(configuration, shared) }
        thread.name = "sentry-console.events"
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit { stop() }

    /// Ends the listening thread (within about a second).
    public func stop() {
        shared.lock.lock()
        shared.stopped = true
        shared.lock.unlock()
    }

    /// The latest heartbeat per worker heard since the previous call, or why the listener is not listening.
    public func drain() -> Result<[WorkerHeartbeat], ProbeError> {
        shared.lock.lock()
        defer { shared.lock.unlock() }
        if let f = shared.failure { return .failure(f) }
        let out = shared.pending.values.sorted { $0.hostname < $1.hostname }
        shared.pending = [:]
        return .success(out)
    }

    /// The subscription pattern: Redis pub/sub ignores the db, so the `/{db}.` prefix is the only namespace.
    static func pattern(keyPrefix: String, db: Int) -> String {
        QueueProbe.globEscape(keyPrefix + "/\(db).celeryev/worker.") + "*"
    }

    private static func run(_ c: Configuration, _ shared: Shared) {
        var failures = 0
        func stopped() -> Bool {
            shared.lock.lock()
            defer { shared.lock.unlock() }
            return shared.stopped
        }
        func fail(_ e: ProbeError) {
            shared.lock.lock()
            shared.failure = e
            shared.lock.unlock()
        }
        while !stopped() {
            do throws(ProbeError) {
                let conn = try RedisConnection(
                    c.endpoint, connectTimeoutMs: c.connectTimeoutMs, commandTimeoutMs: 5000,
                    name: "sentry-console-events")
                try conn.send(["PSUBSCRIBE", pattern(keyPrefix: c.keyPrefix, db: c.endpoint.db)])
                var lastData = Date().timeIntervalSince1970
                var pingSentAt: Double?
                while !stopped() {
                    let replies = try conn.receive(timeoutMs: 1000)
                    let now = Date().timeIntervalSince1970
                    if !replies.isEmpty {
                        lastData = now
                        pingSentAt = nil
                    }
                    for r in replies { handle(r, at: now, shared: shared, failures: &failures) }
                    if pingSentAt == nil, now - lastData > 15 {
                        try conn.send(["PING"])
                        pingSentAt = now
                    } else if let p = pingSentAt, now - p > 5 {
                        throw ProbeError(.timeout, "\(c.endpoint): no answer to PING on the event subscription")
                    }
                }
                return
            } catch {
                failures += 1
                fail(error)
                let wait = min(30, pow(2, Double(min(failures, 6) - 1)))
                let until = Date().timeIntervalSince1970 + wait
                while !stopped(), Date().timeIntervalSince1970 < until { usleep(200_000) }
            }
        }
    }

    private static func handle(_ r: RedisValue, at now: Double, shared: Shared, failures: inout Int) {
        guard let parts = r.array, let kind = parts.first?.string else { return }
        switch kind {
        case "psubscribe":
            failures = 0
            shared.lock.lock()
            shared.failure = nil
            shared.lock.unlock()
        case "pmessage" where parts.count == 4:
            guard let payload = parts[3].bytes else { return }
            let beats = WorkerEventDecoder.heartbeats(payload: payload, receivedAt: now)
            guard !beats.isEmpty else { return }
            shared.lock.lock()
            for b in beats where shared.pending[b.hostname] != nil || shared.pending.count < WorkerRegistry.maxWorkers {
                // The latest event per worker wins (offline after a heartbeat, online after a restart).
                shared.pending[b.hostname] = b
            }
            shared.lock.unlock()
        default:
            break
        }
    }
}
