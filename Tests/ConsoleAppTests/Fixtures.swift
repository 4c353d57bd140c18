import Console
import ConsoleApp
import Model

/// Rows, snapshots and cores shared by the app-core tests.
enum Fixtures {
    static let now = 10_000.0

    static func rows() -> [IssueRow] {
        [
            IssueRow(
                id: 1, projectId: 1, projectSlug: "api", organizationSlug: "acme", shortId: 1, level: 40,
                title: "KeyError: 'user_id'", culprit: "app.handlers", status: IssueStatus(status: 0, substatus: 7),
                timesSeen: 1200, firstSeen: now - 7200, lastSeen: now - 5),
            IssueRow(
                id: 2, projectId: 2, projectSlug: "web", organizationSlug: "acme", shortId: 1002, level: 50,
                title: "OperationalError", culprit: "db", status: IssueStatus(status: 0, substatus: 6), timesSeen: 40,
                firstSeen: now - 90000, lastSeen: now - 65),
        ]
    }

    static func postgres(at t: Double, connections: Int = 2) -> PostgresSnapshot {
        PostgresSnapshot(
            takenAt: t, serverVersion: "15.8", database: "sentry", maxConnections: 100, reservedConnections: 3,
            total: connections, byState: [NamedCount(name: "idle", count: connections)], byApplication: [],
            byClient: [], byUser: [], longestQuery: nil, longestTransaction: nil, lockWaits: [], transactions: 1000,
            statsEpoch: 1, tables: [],
            install: SentryInstall(hasIssues: true, hasNodestore: true, latestMigration: "0640_index_together"))
    }

    static func redis(at t: Double) -> RedisSnapshot {
        RedisSnapshot(
            takenAt: t, db: 0, keyPrefix: "", broker: .celery,
            queues: [QueueSample(name: "default", depth: 3, byPriority: [3, 0, 0, 0], source: .binding)],
            inFlight: 0, oldestInFlightSeconds: nil, bufferBacklog: 0, stats: RedisStats(version: "7.0.15"))
    }

    static func core(write: Bool = false, bell: Bool = false, size: (Int, Int) = (120, 40)) -> AppCore {
        var header = HeaderInfo(
            postgresTarget: "postgres@db:5432/sentry", redisTarget: "redis://r:6379/0", writeMode: write)
        header.sentryURL = "https://sentry.example.com"
        header.actor = write ? "On Call <oncall@example.com>" : ""
        var config = AppCore.Configuration(header: header)
        config.bell = bell
        config.silenceActor = "oncall@example.com"
        var core = AppCore(config, size: (size.0, size.1))
        _ = core.handle(.probe(.postgres(.success(postgres(at: now)), at: now, retryAt: now + 2)), now: now)
        _ = core.handle(.probe(.redis(.success(redis(at: now)), at: now, retryAt: now + 2)), now: now)
        let issues = IssuesSnapshot(rows: rows(), query: "is:unresolved", sort: .lastSeen, takenAt: now)
        _ = core.handle(.probe(.issues(.success(issues), at: now, retryAt: now + 5)), now: now)
        return core
    }
}

extension AppCore {
    /// Sends keys one by one; returns every effect in order.
    mutating func type(_ keys: [Key], now: Double = Fixtures.now) -> [Effect] {
        keys.flatMap { handle(.key($0), now: now) }
    }

    mutating func type(_ text: String, now: Double = Fixtures.now) -> [Effect] {
        type(text.map { Key.char($0) }, now: now)
    }
}

extension [Effect] {
    /// The effects without frames (what the runtime must do besides drawing).
    var work: [Effect] { filter { if case .render = $0 { false } else { true } } }
}
