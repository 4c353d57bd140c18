import ArgumentParser
import Model
import Probes

/// Worker feeds: the celeryev heartbeat listener (always on: it only listens) and the opt-in pidbox
/// inspection. Flags win over `[workers]` in the config file.
struct WorkerOptions: ParsableArguments {
    @Flag(
        name: .customLong("inspect-workers"),
        help: ArgumentHelp(
            "Ping workers through Celery's pidbox every refresh (read-only inspect methods: ping, stats, active_queues). Publishes to the workers' mailbox; off by default."
        ))
    var inspect = false

    @Option(
        name: .customLong("inspect-serializer"),
        help: ArgumentHelp(
            "Serializer of pidbox requests: pickle (Sentry's workers accept only pickle; replies are read by a restricted decoder that never builds objects) or json.",
            valueName: "pickle|json"))
    var serializer: String?

    @Option(name: .customLong("inspect-timeout"), help: "Seconds to collect pidbox replies (0.2–10, default 1).")
    var timeout: Double?

    func validate() throws {
        if let s = serializer, !["pickle", "json"].contains(s) {
            throw ValidationError("--inspect-serializer must be pickle or json")
        }
        if let t = timeout, !(0.2...10).contains(t) { throw ValidationError("--inspect-timeout must be 0.2…10 s") }
    }

    /// The pidbox client when inspection is on (flag or `workers.inspect`), else nil.
    func pidbox(_ c: ConfigFile, _ connection: ConnectionOptions) throws -> PidboxClient? {
        guard inspect || (c.inspectWorkers ?? false) else { return nil }
        var p = PidboxClient.Configuration(endpoint: try connection.redisEndpoint(c))
        p.keyPrefix = connection.keyPrefix(c)
        p.serializer = serializer ?? c.inspectSerializer ?? "pickle"
        guard ["pickle", "json"].contains(p.serializer) else {
            throw ValidationError("workers.inspect_serializer must be pickle or json")
        }
        p.timeout = timeout ?? c.inspectTimeout ?? 1
        p.connectTimeoutMs = connection.redisTimeout(c)
        p.commandTimeoutMs = connection.redisTimeout(c)
        return PidboxClient(p)
    }

    /// The heartbeat listener (always on: it only listens).
    static func listener(_ c: ConfigFile, _ connection: ConnectionOptions) throws -> EventListener {
        var l = EventListener.Configuration(endpoint: try connection.redisEndpoint(c))
        l.keyPrefix = connection.keyPrefix(c)
        l.connectTimeoutMs = connection.redisTimeout(c)
        return EventListener(l)
    }
}
