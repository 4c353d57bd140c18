import ArgumentParser
import Foundation
import Model
import Probes

/// Connection and probe flags shared by every subcommand.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Postgres: a libpq conninfo string or postgresql:// URI. Without it libpq's defaults apply (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD, ~/.pgpass, PGSERVICE).",
        valueName: "conninfo"))
    var pg: String?

    @Option(name: .customLong("pg-timeout"), help: "statement_timeout for every query, in milliseconds.")
    var pgTimeoutMs: Int = 2000

    @Option(name: .customLong("pg-connect-timeout"), help: "libpq connect_timeout, in seconds (minimum 2).")
    var pgConnectTimeout: Int = 5

    @Option(name: .long, help: ArgumentHelp(
        "Redis: redis://[:password@]host:port/db or unix:///path/redis.sock?db=N. Falls back to REDIS_URL, then redis://127.0.0.1:6379/0.",
        valueName: "url"))
    var redis: String?

    @Option(name: .customLong("redis-timeout"), help: "Redis connect and command timeout, in milliseconds.")
    var redisTimeoutMs: Int = 2000

    @Option(name: .customLong("queue"), help: "Also watch this Celery queue (repeatable).")
    var queues: [String] = []

    @Option(name: .customLong("key-prefix"), help: "kombu global_keyprefix of the Celery app.")
    var keyPrefix: String = ""

    @Flag(name: .customLong("no-sentry-queues"), help: "Do not poll Sentry's default queue names.")
    var noSentryQueues = false

    @Option(name: .customLong("taskbroker-migration"), help: ArgumentHelp(
        "Sentry migration number from which tasks are on Kafka/taskbroker (Sentry ≥ 25.10).", visibility: .hidden))
    var taskbrokerMigration: Int = SentryInstall.defaultTaskbrokerMigration

    func validate() throws {
        guard (100...600_000).contains(pgTimeoutMs) else { throw ValidationError("--pg-timeout must be 100…600000 ms") }
        guard (100...60_000).contains(redisTimeoutMs) else { throw ValidationError("--redis-timeout must be 100…60000 ms") }
        _ = try redisEndpoint()
    }

    func redisEndpoint() throws -> RedisEndpoint {
        let url = redis ?? ProcessInfo.processInfo.environment["REDIS_URL"]
        guard let url, !url.isEmpty else { return .default }
        do {
            return try RedisEndpoint.parse(url)
        } catch {
            throw ValidationError("--redis: \(error.message)")
        }
    }

    func postgresSource() -> PostgresSource {
        var c = PostgresSource.Configuration(conninfo: pg)
        c.statementTimeoutMs = pgTimeoutMs
        c.connectTimeoutS = pgConnectTimeout
        return PostgresSource(c)
    }

    func redisSource() throws -> RedisSource {
        var c = RedisSource.Configuration(endpoint: try redisEndpoint())
        c.connectTimeoutMs = redisTimeoutMs
        c.commandTimeoutMs = redisTimeoutMs
        c.queues.keyPrefix = keyPrefix
        c.queues.userQueues = queues
        c.queues.includeSentryQueues = !noSentryQueues
        return RedisSource(c)
    }
}
