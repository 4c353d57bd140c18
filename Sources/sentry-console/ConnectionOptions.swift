import ArgumentParser
import Foundation
import Model
import Probes

/// Connection and probe flags shared by every subcommand. Each falls back to the config file, then to the
/// built-in default, so a flag always wins.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Config file (default $XDG_CONFIG_HOME/sentry-console/config.toml; see the README).", valueName: "path"))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A named install from the config file ([contexts.NAME]; default its current_context): its servers, label, colour, thresholds and write policy.",
            valueName: "name"))
    var context: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Postgres: a libpq conninfo string or postgresql:// URI. Without it libpq's defaults apply (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD, ~/.pgpass, PGSERVICE).",
            valueName: "conninfo"))
    var pg: String?

    @Option(name: .customLong("pg-timeout"), help: "statement_timeout for every query, in milliseconds (default 2000).")
    var pgTimeoutMs: Int?

    @Option(name: .customLong("pg-connect-timeout"), help: "libpq connect_timeout, in seconds (minimum 2, default 5).")
    var pgConnectTimeout: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Redis: redis://[:password@]host:port/db or unix:///path/redis.sock?db=N. Falls back to REDIS_URL, then redis://127.0.0.1:6379/0.",
            valueName: "url"))
    var redis: String?

    @Option(
        name: .customLong("redis-timeout"), help: "Redis connect and command timeout, in milliseconds (default 2000).")
    var redisTimeoutMs: Int?

    @Option(
        name: .customLong("redis-password-file"),
        help: ArgumentHelp(
            "A file holding the Redis password (when the URL has none; also REDIS_PASSWORD_FILE).", valueName: "path"))
    var redisPasswordFile: String?

    @Option(name: .customLong("queue"), help: "Also watch this Celery queue (repeatable).")
    var queues: [String] = []

    @Option(name: .customLong("key-prefix"), help: "kombu global_keyprefix of the Celery app.")
    var keyPrefix: String?

    @Option(
        name: .customLong("priority-steps"),
        help: ArgumentHelp(
            "kombu priority_steps of the Celery app's broker_transport_options (default 0,3,6,9): which priority lists each queue has.",
            valueName: "list"))
    var prioritySteps: String?

    @Flag(name: .customLong("no-sentry-queues"), help: "Do not poll Sentry's default queue names.")
    var noSentryQueues = false

    @Option(
        name: .customLong("taskbroker-migration"),
        help: ArgumentHelp(
            "Sentry migration number from which tasks are on Kafka/taskbroker (Sentry ≥ 25.10).", visibility: .hidden))
    var taskbrokerMigration: Int?

    /// Loads the config file (once per run: the subcommand's `run()` calls this) and prints its warnings.
    /// Errors surface as ValidationError, so a bad file exits 64 like a bad flag.
    func loadConfig() throws -> ConfigFile {
        let file: ConfigFile
        do {
            file = try ConfigFile.load(path: config).applyingContext(context)
        } catch let e as ConfigError {
            throw ValidationError(e.description)
        }
        for w in file.warnings { FileHandle.standardError.write(Data("sentry-console: \(w)\n".utf8)) }
        _ = try redisEndpoint(file)
        return file
    }

    /// Flag-only checks; values from the config file are checked when it is loaded.
    func validate() throws {
        if let steps = prioritySteps { _ = try Self.parseSteps(steps) }
        if let t = pgTimeoutMs, !(100...600_000).contains(t) {
            throw ValidationError("--pg-timeout must be 100…600000 ms")
        }
        if let t = redisTimeoutMs, !(100...60_000).contains(t) {
            throw ValidationError("--redis-timeout must be 100…60000 ms")
        }
        if redis != nil { _ = try redisEndpoint(ConfigFile()) }
    }

    func redisEndpoint(_ c: ConfigFile) throws -> RedisEndpoint {
        let env = ProcessInfo.processInfo.environment
        let url = redis ?? c.redis ?? env["REDIS_URL"]
        var endpoint = RedisEndpoint.default
        if let url, !url.isEmpty {
            do {
                endpoint = try RedisEndpoint.parse(url)
            } catch {
                throw ValidationError("--redis: \(error.message)")
            }
        }
        // A password kept in a file (mode 0600, like a systemd credential), used when the URL carries none.
        if endpoint.password == nil, let file = redisPasswordFile ?? c.redisPasswordFile ?? env["REDIS_PASSWORD_FILE"] {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("cannot read the Redis password file \(file)")
            }
            let password = text.trimmingCharacters(in: .newlines)
            if !password.isEmpty { endpoint.password = password }
        }
        return endpoint
    }

    func postgresConninfo(_ c: ConfigFile) -> String? { pg ?? c.pg }

    func taskbroker(_ c: ConfigFile) -> Int {
        taskbrokerMigration ?? c.taskbrokerMigration ?? SentryInstall.defaultTaskbrokerMigration
    }

    func postgresSource(_ c: ConfigFile) -> PostgresSource {
        var s = PostgresSource.Configuration(conninfo: postgresConninfo(c))
        s.statementTimeoutMs = pgTimeoutMs ?? c.pgTimeoutMs ?? 2000
        s.connectTimeoutS = pgConnectTimeout ?? c.pgConnectTimeout ?? 5
        return PostgresSource(s)
    }

    func keyPrefix(_ c: ConfigFile) -> String { keyPrefix ?? c.keyPrefix ?? "" }

    /// `--priority-steps`, else `queues.priority_steps`, else kombu's default.
    func prioritySteps(_ c: ConfigFile) throws -> [Int] {
        if let text = prioritySteps { return try Self.parseSteps(text) }
        if let steps = c.prioritySteps { return try Self.checkSteps(steps, "queues.priority_steps") }
        return QueueProbe.defaultPrioritySteps
    }

    /// "0,3,6,9" → [0, 3, 6, 9]; distinct integers 0…255, at most 16 (kombu's own range).
    static func parseSteps(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let steps = parts.compactMap { Int($0) }
        guard steps.count == parts.count else {
            throw ValidationError("--priority-steps: a comma-separated list of integers, e.g. 0,3,6,9 (got \(text))")
        }
        return try checkSteps(steps, "--priority-steps")
    }

    static func checkSteps(_ steps: [Int], _ name: String) throws -> [Int] {
        guard !steps.isEmpty, steps.count <= 16, steps.allSatisfy({ (0...255).contains($0) }),
            Set(steps).count == steps.count
        else { throw ValidationError("\(name): 1 to 16 distinct integers 0…255, e.g. 0,3,6,9") }
        return steps
    }

    func redisTimeout(_ c: ConfigFile) -> Int { redisTimeoutMs ?? c.redisTimeoutMs ?? 2000 }

    func redisSource(_ c: ConfigFile) throws -> RedisSource {
        var s = RedisSource.Configuration(endpoint: try redisEndpoint(c))
        s.connectTimeoutMs = redisTimeout(c)
        s.commandTimeoutMs = redisTimeout(c)
        s.queues.keyPrefix = keyPrefix(c)
        s.queues.prioritySteps = try prioritySteps(c)
        s.queues.userQueues = queues + c.queues
        s.queues.includeSentryQueues = !noSentryQueues && (c.sentryDefaults ?? true)
        return RedisSource(s)
    }
}
