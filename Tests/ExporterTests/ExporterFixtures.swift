import Exporter
import Model

/// Snapshots and states for the exporter's tests.
enum ExporterFixtures {
    static let now = 50_000.0

    static func postgres(at t: Double, seqScans: Int64 = 5, inserts: Int64 = 1000) -> PostgresSnapshot {
        var p = PostgresSnapshot(
            takenAt: t, serverVersion: "15.8", database: "sentry", maxConnections: 100, reservedConnections: 3,
            total: 7, byState: [NamedCount(name: "idle", count: 5), NamedCount(name: "active", count: 2)],
            byApplication: [], byClient: [], byUser: [], longestQuery: nil,
            longestTransaction: BackendInfo(
                pid: 9, seconds: 12.5, state: "active", application: "a", user: "u", query: "q"),
            lockWaits: [LockWait(pid: 4, waitingSeconds: 3, blockers: [9], application: "a", query: "q")],
            transactions: 1000, statsEpoch: 1,
            tables: [
                TableCounters(
                    name: "nodestore_node", inserts: inserts, updates: 0, liveTuples: 50_000, seqScans: seqScans),
                TableCounters(
                    name: "sentry_groupedmessage", inserts: 42, updates: 0, liveTuples: 900, seqScans: 1,
                    modsSinceAnalyze: 10, analyzedSecondsAgo: 60),
            ],
            install: SentryInstall(hasIssues: true, hasNodestore: true, latestMigration: "0640_index_together"))
        p.openIncidents = [
            OpenIncident(id: 70, identifier: 7, title: "Error rate high", status: 20, startedSecondsAgo: 600)
        ]
        return p
    }

    static func redis(at t: Double, depth: Int = 3, queue: String = "events.save_event") -> RedisSnapshot {
        var r = RedisSnapshot(
            takenAt: t, db: 0, keyPrefix: "", broker: .celery,
            queues: [
                QueueSample(name: queue, depth: depth, byPriority: [depth - 1, 1, 0, 0], source: .binding),
                QueueSample(name: "default", depth: 0, byPriority: [0, 0, 0, 0], source: .sentryDefault),
            ],
            inFlight: 2, oldestInFlightSeconds: 30, bufferBacklog: 11, stats: RedisStats(version: "7.0.15"))
        r.consumerHosts = [
            ConsumerHost(address: "10.0.0.1", waiting: 3, busy: 1, notPolling: 0),
            ConsumerHost(address: "10.0.0.2", waiting: 1, busy: 0, notPolling: 2),
        ]
        return r
    }

    static func state(postgres: Bool = true, redis: Bool = true) -> ConsoleState {
        var s = ConsoleState(interval: 15)
        if postgres { s.apply(.postgres(.success(Self.postgres(at: now)), at: now, retryAt: now)) }
        if redis { s.apply(.redis(.success(Self.redis(at: now)), at: now, retryAt: now)) }
        return s
    }
}

extension [MetricFamily] {
    func named(_ name: String) -> MetricFamily? { first { $0.name == name } }
}
