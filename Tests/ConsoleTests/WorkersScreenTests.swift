import Testing

@testable import Console
@testable import Model

/// The Workers screen and the Overview's workers line without a terminal: text snapshots with live, frozen,
/// dead and departed workers, consumers per queue and per address, and the keys (filter, sort).
@Suite struct WorkersScreenTests {
    static let now = 10_000.0

    static func state() -> ConsoleState {
        var s = ConsoleState(interval: 2)
        var redis = RedisSnapshot(
            takenAt: now, db: 0, keyPrefix: "", broker: .celery,
            queues: [
                QueueSample(name: "events.save_event", depth: 1200, byPriority: [1200, 0, 0, 0], source: .binding),
                QueueSample(name: "email", depth: 40, byPriority: [40, 0, 0, 0], source: .binding),
                QueueSample(name: "default", depth: 0, byPriority: [0, 0, 0, 0], source: .binding),
            ],
            inFlight: 8, oldestInFlightSeconds: 130, bufferBacklog: 0, stats: RedisStats(version: "7.0.15"))
        redis.inFlightByQueue = [
            InFlightGroup(routingKey: "events.save_event", count: 6, oldestSeconds: 130),
            InFlightGroup(routingKey: "default", count: 2, oldestSeconds: 12),
        ]
        redis.consumerHosts = [
            ConsumerHost(
                address: "172.18.0.7", waiting: 3, busy: 2, notPolling: 1, longestNotPolling: 75, subscribers: 2,
                other: 4),
            ConsumerHost(address: "172.18.0.9", subscribers: 1, other: 2),
        ]
        var pg = PostgresSnapshot(
            takenAt: now, serverVersion: "15.8", database: "sentry", maxConnections: 100, reservedConnections: 3,
            total: 30,
            byState: [], byApplication: [], byClient: [], byUser: [], longestQuery: nil, longestTransaction: nil,
            lockWaits: [],
            transactions: 1, statsEpoch: 1, tables: [],
            install: SentryInstall(hasIssues: true, hasNodestore: true, latestMigration: "0640"))
        pg.byClientAddress = [
            ClientConnections(
                address: "172.18.0.7", total: 22, active: 3, idleInTransaction: 12,
                applications: [NamedCount(name: "sentry-worker", count: 20), NamedCount(name: "psql", count: 2)]),
            ClientConnections(
                address: "172.18.0.12", total: 8, active: 1, idleInTransaction: 0,
                applications: [NamedCount(name: "sentry-web", count: 8)]),
        ]
        s.apply(.postgres(.success(pg), at: now, retryAt: now + 2))
        let queues = ["default", "events.save_event"]
        // worker-b had a rate before it went silent: a silent worker must not show its last rate as current.
        s.apply(
            .inspection(
                .success(
                    InspectRound(
                        startedAt: now - 60, timeout: 1, serializer: "pickle", detailed: true, receivers: 1,
                        replies: [
                            WorkerInspection(
                                name: "worker-b@sentry-worker-1", pid: 102, processed: 20, concurrency: 4,
                                queues: queues)
                        ])), at: now - 60, retryAt: now - 58))
        s.apply(
            .inspection(
                .success(
                    InspectRound(
                        startedAt: now - 40, timeout: 1, serializer: "pickle", detailed: true, receivers: 3,
                        replies: [
                            WorkerInspection(
                                name: "worker-a@sentry-worker-1", pid: 101, processed: 1000, concurrency: 4,
                                queues: queues),
                            WorkerInspection(
                                name: "worker-b@sentry-worker-1", pid: 102, processed: 50, concurrency: 4,
                                queues: queues),
                            WorkerInspection(
                                name: TextSanitizer.clean("evil\u{1B}[2J@主机😀"), pid: 103, concurrency: 2,
                                queues: ["email"]),
                        ])), at: now - 40, retryAt: now - 38))
        s.apply(
            .inspection(
                .success(
                    InspectRound(
                        startedAt: now - 2, timeout: 1, serializer: "pickle", detailed: true, receivers: 1,
                        replies: [
                            WorkerInspection(
                                name: "worker-a@sentry-worker-1", pid: 101, processed: 1380, concurrency: 4,
                                queues: queues)
                        ])), at: now - 2, retryAt: now))
        s.apply(
            .heartbeats(
                .success([
                    WorkerHeartbeat(
                        hostname: "generic@host", kind: .heartbeat, pid: 7, active: 1, processed: 10,
                        loadavg: [0.42, 0.3, 0.2], software: "py-celery 5.6.3", receivedAt: now - 1)
                ]), at: now, retryAt: now + 2))
        s.apply(.redis(.success(redis), at: now, retryAt: now + 2))
        return s
    }

    static func render(_ ui: UIState, _ w: Int = 120, _ h: Int = 30) -> Surface {
        var header = HeaderInfo(postgresTarget: "postgres@db:5432/sentry", redisTarget: "redis://redis:6379/0")
        header.workerInspection = "pickle"
        return ConsoleView(header: header).render(state: state(), ui: ui, now: now, width: w, height: h)
    }

    func workersUI() -> UIState {
        var ui = UIState()
        ui.screen = .workers
        return ui
    }

    @Test func screen120x30() { assertSnapshot(Self.render(workersUI()), named: "workers-120x30") }
    @Test func screen80x24() { assertSnapshot(Self.render(workersUI(), 80, 24), named: "workers-80x24") }

    @Test func overviewShowsTheCompactWorkersLine() {
        let text = Self.render(UIState(), 120, 30).text
        let line = text.split(separator: "\n").first { $0.contains("workers 2/4 alive") }
        #expect(line?.contains("✖") == true, "\(text)")
        #expect(
            line?.contains("(✖ evil@主机😀 silent 40s +1) · consumers 3 waiting, 2 busy, 1 not polling 1m15s on 1 host(s)")
                == true, "\(line ?? "")")
    }

    /// Found in the demo at 80×24: the "1-7 of 89" scroll marker was drawn over the workers line.
    @Test func scrollMarkerStaysOnTheBorderBelowTheWorkersLine() {
        var s = ConsoleState()
        var redis = RedisSnapshot(
            takenAt: Self.now, db: 0, keyPrefix: "", broker: .celery,
            queues: (0..<40).map {
                QueueSample(name: "q\($0)", depth: 40 - $0, byPriority: [0, 0, 0, 0], source: .binding)
            },
            inFlight: 0, oldestInFlightSeconds: nil, bufferBacklog: 0, stats: RedisStats(version: "7.0.15"))
        redis.consumerHosts = [ConsumerHost(address: "10.0.0.5", waiting: 2)]
        s.apply(.redis(.success(redis), at: Self.now, retryAt: Self.now + 2))
        let text = ConsoleView(header: HeaderInfo(postgresTarget: "pg", redisTarget: "redis")).render(
            state: s, ui: UIState(), now: Self.now, width: 80, height: 24
        ).text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let workers = lines.firstIndex { $0.contains("consumers 2 waiting") }
        #expect(workers != nil && !lines[workers!].contains(" of 40"), "\(text)")
        #expect(workers.map { lines[$0 + 1].hasPrefix("└") && lines[$0 + 1].contains(" of 40 ") } == true, "\(text)")
        #expect(QueuesPanel.describe(.draining(perMinute: 1900, etaSeconds: 0.4)).1 == "drains in <1s")
    }

    @Test func stateSortPutsDeadWorkersFirstAndFilterNarrows() {
        let text = Self.render(workersUI()).text
        let order = ["evil", "worker-b@", "generic@host", "worker-a@"].map { name in text.range(of: name)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil }, "\(text)")
        #expect(
            order.compactMap { $0 } == order.compactMap { $0 }.sorted(),
            "state order: connection gone first, then alive, by name: \(text)")
        #expect(text.contains("conn. gone"), "receivers = replies: the silent workers' connections are gone")
        var ui = workersUI()
        for k in "/email" { _ = ui.workers.handle(.char(k), pageSize: 10) }
        #expect(ui.workers.editing == "email")
        _ = ui.workers.handle(.enter, pageSize: 10)
        let filtered = Self.render(ui).text
        #expect(filtered.contains("evil") && !filtered.contains("worker-a@"), "\(filtered)")
        #expect(filtered.contains("hidden by filter"))
        let escaped = ui.workers.handle(.escape, pageSize: 10)
        #expect(escaped && ui.workers.filter.isEmpty)
        let q = ui.workers.handle(.char("q"), pageSize: 10)
        #expect(!q, "q is left to the global map")
        _ = ui.workers.handle(.char("s"), pageSize: 10)
        #expect(ui.workers.sort == .name)
    }
}
