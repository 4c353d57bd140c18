import Testing

@testable import Model

/// Fixtures shared by model tests.
enum Fixture {
    static func redis(at t: Double, depths: [String: Int], broker: RedisSnapshot.Broker = .celery, commands: Int64 = 0)
        -> RedisSnapshot
    {
        RedisSnapshot(
            takenAt: t, db: 0, keyPrefix: "", broker: broker,
            queues: depths.map {
                QueueSample(name: $0.key, depth: $0.value, byPriority: [$0.value, 0, 0, 0], source: .binding)
            },
            inFlight: 3, oldestInFlightSeconds: 12, bufferBacklog: 7,
            stats: RedisStats(version: "7.0.15", totalCommands: commands))
    }

    static func postgres(at t: Double, events: Int64, issues: Int64 = 0, migration: String? = "0640_index_together")
        -> PostgresSnapshot
    {
        PostgresSnapshot(
            takenAt: t, serverVersion: "15.8", database: "sentry", maxConnections: 100, reservedConnections: 3,
            total: 2, byState: [NamedCount(name: "idle", count: 2)], byApplication: [], byClient: [], byUser: [],
            longestQuery: nil, longestTransaction: nil, lockWaits: [], transactions: 1000 + events,
            statsEpoch: 1,
            tables: [
                TableCounters(name: "nodestore_node", inserts: events, updates: 0, liveTuples: events, seqScans: 0),
                TableCounters(
                    name: "sentry_groupedmessage", inserts: issues, updates: 0, liveTuples: issues, seqScans: 0),
            ],
            install: SentryInstall(hasIssues: true, hasNodestore: true, latestMigration: migration))
    }
}

@Suite struct ConsoleStateTests {
    @Test func ratesFromSuccessiveSnapshots() {
        var s = ConsoleState()
        s.apply(.postgres(.success(Fixture.postgres(at: 0, events: 100)), at: 0, retryAt: 2))
        #expect(s.events.state(now: 0) == .initializing)
        s.apply(.postgres(.success(Fixture.postgres(at: 2, events: 140, issues: 2)), at: 2, retryAt: 4))
        #expect(s.events.state(now: 2) == .data(perSecond: 20))
        #expect(s.newIssues.state(now: 2) == .data(perSecond: 1))
    }

    @Test func failureKeepsLastDataAndRecordsOutageStart() {
        var s = ConsoleState()
        s.apply(.redis(.success(Fixture.redis(at: 0, depths: ["default": 5])), at: 0, retryAt: 2))
        s.apply(.redis(.failure(ProbeError(.io, "connection reset")), at: 3, retryAt: 4))
        s.apply(.redis(.failure(ProbeError(.connect, "refused")), at: 4, retryAt: 6))
        #expect(s.redis.latest?.queues.first?.depth == 5)
        #expect(s.redis.failure?.since == 3)
        #expect(s.redis.failure?.error.kind == .connect)
        #expect(s.redis.age(now: 10) == 10)
        s.apply(.redis(.success(Fixture.redis(at: 11, depths: ["default": 1])), at: 11, retryAt: 13))
        #expect(s.redis.failure == nil)
    }

    @Test func queueHistoryFeedsTrend() {
        var s = ConsoleState()
        for (i, d) in [100, 90, 80, 70].enumerated() {
            let t = Double(i * 2)
            s.apply(.redis(.success(Fixture.redis(at: t, depths: ["default": d])), at: t, retryAt: t + 2))
        }
        guard case .draining(_, let eta) = s.trend(of: "default", now: 6) else {
            Issue.record("expected draining")
            return
        }
        #expect(abs(eta - 14) < 0.001)
        #expect(s.depthHistory(of: "default", last: 2) == [80, 70])
    }

    @Test func historyIsBoundedPerQueueAndInQueueCount() {
        var s = ConsoleState(historyCapacity: 4, maxQueues: 2)
        for i in 0..<10 {
            let t = Double(i)
            s.apply(.redis(.success(Fixture.redis(at: t, depths: ["a": i, "b": i, "c": i])), at: t, retryAt: t))
        }
        #expect(s.queueHistory.count == 2)
        #expect(s.queueHistory.values.allSatisfy { $0.count == 4 })
    }

    @Test(arguments: [
        (RedisSnapshot.Broker.celery, "0640_index_together", TaskBackend.celeryRedis),
        (.absent, "0640_index_together", .unknown),
        (.absent, "0990_move_to_taskbroker", .taskbroker),
        (.celery, "0990_move_to_taskbroker", .celeryRedis),
    ])
    func taskBackendNeverTurnsUnknownIntoZero(broker: RedisSnapshot.Broker, migration: String, expected: TaskBackend) {
        var s = ConsoleState()
        s.apply(.redis(.success(Fixture.redis(at: 0, depths: [:], broker: broker)), at: 0, retryAt: 2))
        s.apply(.postgres(.success(Fixture.postgres(at: 0, events: 0, migration: migration)), at: 0, retryAt: 2))
        #expect(s.taskBackend == expected)
    }

    @Test func absentBrokerRecordsNoDepthHistory() {
        var s = ConsoleState()
        s.apply(.redis(.success(Fixture.redis(at: 0, depths: ["default": 0], broker: .absent)), at: 0, retryAt: 2))
        #expect(s.queueHistory.isEmpty)
    }
}

@Suite struct RedisOpsTests {
    @Test func consolesOwnCommandsAreLeftOutAndRestartsReset() {
        var s = ConsoleState()
        func snap(_ t: Double, total: Int64, own: Int64, run: String) -> RedisSnapshot {
            var r = Fixture.redis(at: t, depths: [:], commands: total)
            r.consoleCommands = own
            r.stats.runId = run
            return r
        }
        s.apply(.redis(.success(snap(0, total: 1000, own: 400, run: "a")), at: 0, retryAt: 2))
        s.apply(.redis(.success(snap(2, total: 1420, own: 800, run: "a")), at: 2, retryAt: 4))
        #expect(s.redisOps.state(now: 2) == .data(perSecond: 10))  // 420 commands, 400 of them ours
        s.apply(.redis(.success(snap(4, total: 5000, own: 1200, run: "b")), at: 4, retryAt: 6))
        #expect(s.redisOps.state(now: 4) == .initializing)
    }
}
