import Testing

@testable import Console
@testable import Model

/// Renders fixed states at fixed sizes and compares the text with recorded snapshots.
@Suite struct OverviewSnapshotTests {
    static let header = HeaderInfo(postgresTarget: "127.0.0.1/sentry", redisTarget: "redis://127.0.0.1:6379/0")

    /// Four samples two seconds apart: events.save_event growing, post_process_errors draining, a hostile name.
    static func busyState() -> ConsoleState {
        var s = ConsoleState()
        let depths: [[String: Int]] = [
            ["events.save_event": 1000, "post_process_errors": 800, "default": 5, "evil\u{1B}[2Jqueue": 1, "数据队列": 3],
            ["events.save_event": 1100, "post_process_errors": 700, "default": 5, "evil\u{1B}[2Jqueue": 1, "数据队列": 3],
            ["events.save_event": 1200, "post_process_errors": 600, "default": 5, "evil\u{1B}[2Jqueue": 1, "数据队列": 3],
            ["events.save_event": 1300, "post_process_errors": 500, "default": 5, "evil\u{1B}[2Jqueue": 1, "数据队列": 3],
        ]
        for (i, d) in depths.enumerated() {
            let t = 1000 + Double(i * 2)
            var r = RedisSnapshot(
                takenAt: t, db: 0, keyPrefix: "", broker: .celery,
                queues: d.sorted { $0.value > $1.value }.map {
                    QueueSample(
                        name: TextSanitizer.clean($0.key), depth: $0.value, byPriority: [$0.value, 0, 0, 0],
                        source: .binding)
                },
                inFlight: 12, oldestInFlightSeconds: 95, bufferBacklog: 40 + i,
                stats: RedisStats(
                    version: "7.0.15", usedMemory: 3_500_000, connectedClients: 14,
                    totalCommands: 10_000 + Int64(i) * 400))
            r.queues[0].nextTask = "sentry.tasks.store.save_event"
            s.apply(.redis(.success(r), at: t, retryAt: t + 2))
            let p = PostgresSnapshot(
                takenAt: t, serverVersion: "15.8", database: "sentry", maxConnections: 100, reservedConnections: 3,
                total: 82,
                byState: [
                    NamedCount(name: "idle", count: 60), NamedCount(name: "active", count: 12),
                    NamedCount(name: "idle in transaction", count: 9),
                    NamedCount(name: "idle in transaction (aborted)", count: 1),
                ],
                byApplication: [
                    NamedCount(name: "sentry-web", count: 40), NamedCount(name: "sentry-worker", count: 30),
                    NamedCount(name: "(none)", count: 12),
                ],
                byClient: [NamedCount(name: "10.0.0.5", count: 50), NamedCount(name: "local", count: 32)],
                byUser: [NamedCount(name: "sentry", count: 82)],
                longestQuery: BackendInfo(
                    pid: 4121, seconds: 42, state: "active", application: "sentry-web", user: "sentry",
                    query: "SELECT * FROM sentry_groupedmessage WHERE project_id = $1"),
                longestTransaction: BackendInfo(
                    pid: 4120, seconds: 95, state: "idle in transaction", application: "sentry-worker",
                    user: "sentry", query: "UPDATE sentry_groupedmessage SET times_seen = times_seen + 1"),
                lockWaits: [
                    LockWait(
                        pid: 4300, waitingSeconds: 14, blockers: [4120], application: "sentry-web",
                        query: "UPDATE sentry_groupedmessage SET status = 1")
                ],
                transactions: 50_000 + Int64(i) * 700, statsEpoch: 1,
                tables: [
                    TableCounters(
                        name: "nodestore_node", inserts: 9000 + Int64(i) * 50, updates: 0, liveTuples: 9000, seqScans: 0
                    ),
                    TableCounters(
                        name: "sentry_groupedmessage", inserts: 300 + Int64(i), updates: 0, liveTuples: 300, seqScans: 0
                    ),
                ],
                install: SentryInstall(hasIssues: true, hasNodestore: true, latestMigration: "0640_index_together"))
            s.apply(.postgres(.success(p), at: t, retryAt: t + 2))
        }
        return s
    }

    static func render(_ s: ConsoleState, _ w: Int, _ h: Int, ui: UIState = UIState(), now: Double = 1007) -> Surface {
        ConsoleView(header: header).render(state: s, ui: ui, now: now, width: w, height: h)
    }

    @Test func busy100x30() { assertSnapshot(Self.render(Self.busyState(), 100, 30), named: "overview-busy-100x30") }
    /// Rows the few queues do not need go to the Database panel: at 80×24 the lock waiter's line fits.
    @Test func busy80x24() {
        let surface = Self.render(Self.busyState(), 80, 24)
        assertSnapshot(surface, named: "overview-busy-80x24")
        #expect(surface.text.contains("pid 4300 14s ← 4120"), "\(surface.text)")
    }
    @Test func busy120x40() { assertSnapshot(Self.render(Self.busyState(), 120, 40), named: "overview-busy-120x40") }

    @Test func redisDownShowsOutageAndKeepsLastData() {
        var s = Self.busyState()
        s.apply(
            .redis(
                .failure(ProbeError(.connect, "redis://127.0.0.1:6379/0: Connection refused")), at: 1008, retryAt: 1012)
        )
        s.apply(
            .redis(
                .failure(ProbeError(.connect, "redis://127.0.0.1:6379/0: Connection refused")), at: 1010, retryAt: 1014)
        )
        let surface = Self.render(s, 100, 30, now: 1011)
        assertSnapshot(surface, named: "overview-redis-down-100x30")
        #expect(surface.text.contains("unreachable since 00:16:48 (3s), retrying in 3s"))
        #expect(surface.text.contains("events.save_event"))
        // Past the retry time an attempt is running (a connect can take its whole timeout): not "retrying in 0s".
        let later = Self.render(s, 100, 30, now: 1016)
        #expect(later.text.contains("unreachable since 00:16:48 (8s), reconnecting…"), "\(later.text)")
        #expect(!later.text.contains("retrying in 0s"))
    }

    @Test func noCeleryKeysIsUnknownNotZero() {
        var s = ConsoleState()
        s.apply(
            .redis(
                .success(
                    RedisSnapshot(
                        takenAt: 1000, db: 0, keyPrefix: "", broker: .absent,
                        queues: [
                            QueueSample(name: "default", depth: 0, byPriority: [0, 0, 0, 0], source: .sentryDefault)
                        ],
                        inFlight: 0, oldestInFlightSeconds: nil, bufferBacklog: 0, stats: RedisStats())), at: 1000,
                retryAt: 1002))
        let text = Self.render(s, 100, 30, now: 1001).text
        #expect(text.contains("No Celery keys in Redis db 0"))
        #expect(text.contains("unknown, not 0"))
        #expect(!text.contains("default "))
    }

    @Test func taskbrokerInstallIsNamed() {
        var s = ConsoleState()
        s.apply(
            .redis(
                .success(
                    RedisSnapshot(
                        takenAt: 1000, db: 0, keyPrefix: "", broker: .absent, queues: [], inFlight: 0,
                        oldestInFlightSeconds: nil, bufferBacklog: nil, stats: RedisStats())), at: 1000, retryAt: 1002))
        var p = Self.busyState().postgres.latest!
        p.install.latestMigration = "0995_later"
        s.apply(.postgres(.success(p), at: 1000, retryAt: 1002))
        let text = Self.render(s, 100, 30, now: 1001).text
        #expect(text.contains("Sentry ≥ 25.10 (migration 0995_later): tasks run on Kafka/taskbroker"))
    }

    @Test func tooSmallSaysSo() {
        let text = Self.render(Self.busyState(), 70, 20).text
        #expect(text.contains("terminal too small (need 80×24, have 70×20)"))
        #expect(Self.render(Self.busyState(), 20, 6).text.contains("too small"))
    }

    @Test func helpOverlayListsKeys() {
        var ui = UIState()
        ui.showHelp = true
        assertSnapshot(Self.render(Self.busyState(), 100, 30, ui: ui), named: "overview-help-100x30")
    }

    @Test func alertsStripAndOverlay() {
        let s = Self.busyState()  // 82 of 97 connections: the connection alert fires; a lock wait of 14 s too
        let strip = Self.render(s, 100, 30).line(1)
        #expect(strip.contains("firing"))
        #expect(strip.contains("WARN db.connections 82/97 (85%)"))
        var ui = UIState()
        ui.showAlerts = true
        let surface = Self.render(s, 100, 30, ui: ui)
        assertSnapshot(surface, named: "overview-alerts-100x30")
        #expect(surface.text.contains("→ pools near max_connections"))
        #expect(surface.text.contains("Recent transitions"))
    }

    /// Sentry's own metric alerts are about the applications: listed in their own section, not counted as
    /// firing, unless the thresholds say they page.
    @Test func sentryIncidentsAreListedApartAndNotCounted() {
        var p = PostgresSnapshot(
            takenAt: 1006, serverVersion: "15", database: "sentry", maxConnections: 100, reservedConnections: 3,
            total: 2, byState: [], byApplication: [], byClient: [], byUser: [], longestQuery: nil,
            longestTransaction: nil, lockWaits: [], transactions: 0, statsEpoch: 1, tables: [],
            install: SentryInstall(hasIssues: true, hasNodestore: true, latestMigration: nil))
        p.openIncidents = [
            OpenIncident(id: 1, identifier: 42, title: "Checkout error rate > 5%", status: 20, startedSecondsAgo: 900)
        ]
        var ui = UIState()
        ui.showAlerts = true
        var quiet = ConsoleState()
        quiet.apply(.postgres(.success(p), at: 1006, retryAt: 1008))
        let listed = Self.render(quiet, 100, 30, ui: ui).text
        #expect(listed.contains("Sentry metric alerts: 1 open (about your applications; not counted as firing)"))
        #expect(
            Self.render(quiet, 80, 24, ui: ui).text.contains("Sentry metric alerts: 1 open (not counted as firing)"))
        #expect(listed.contains("CRIT #42 Checkout error rate > 5% · open 15m"))
        #expect(listed.contains("0 firing"))
        var t = AlertThresholds()
        t.sentryIncidents = true
        var paging = ConsoleState(thresholds: t)
        paging.apply(.postgres(.success(p), at: 1006, retryAt: 1008))
        let counted = Self.render(paging, 100, 30, ui: ui).text
        #expect(!counted.contains("Sentry metric alerts:"))
        #expect(counted.contains("sentry.incident #42: Checkout error rate > 5%"))
    }

    @Test(arguments: [
        ([NamedCount](), "stalled: no consumers"), ([NamedCount(name: "10.0.0.5", count: 1)], "stalled: not consumed"),
    ])
    func stalledQueueSaysWhetherAnyoneIsWaiting(consumers: [NamedCount], expected: String) {
        var s = ConsoleState()
        for i in 0...20 {
            let t = 1000 + Double(i * 2)
            var r = RedisSnapshot(
                takenAt: t, db: 0, keyPrefix: "", broker: .celery,
                queues: [
                    QueueSample(name: "events.save_event", depth: 50, byPriority: [50, 0, 0, 0], source: .binding)
                ],
                inFlight: 0, oldestInFlightSeconds: nil, bufferBacklog: 0, stats: RedisStats())
            r.waitingConsumers = consumers
            s.apply(.redis(.success(r), at: t, retryAt: t + 2))
        }
        let text = Self.render(s, 100, 30, now: 1040).text
        #expect(
            text.split(separator: "\n").contains { $0.contains("events.save_event") && $0.contains(expected) },
            "\(text)")
        #expect(text.contains(consumers.isEmpty ? "0 idle consumers" : "1 idle consumer"))
    }

    /// The Queues title is shortened by phrase at narrow widths, never cut inside a word (#19).
    @Test(arguments: [80, 100, 120, 200])
    func theQueuesSummaryIsShortenedWholeAtEveryWidth(width: Int) {
        var s = ConsoleState()
        var r = RedisSnapshot(
            takenAt: 1000, db: 0, keyPrefix: "", broker: .celery,
            queues: [
                QueueSample(name: "events.save_event", depth: 61_234, byPriority: [61_234, 0, 0, 0], source: .binding),
                QueueSample(name: "default", depth: 0, byPriority: [0, 0, 0, 0], source: .binding),
            ],
            inFlight: 12, oldestInFlightSeconds: 95, bufferBacklog: 0, stats: RedisStats())
        r.waitingConsumers = [NamedCount(name: "10.0.0.5", count: 3), NamedCount(name: "10.0.0.6", count: 2)]
        s.apply(.redis(.success(r), at: 1000, retryAt: 1002))
        let title = Self.render(s, width, 30, now: 1001).line(2)
        let shown = QueuesPanel.summaries(s).first { title.contains(" \($0) ") }
        #expect(shown != nil, "no whole form in: \(title)")
        if width >= 200 { #expect(shown == QueuesPanel.summaries(s).first) }
        if width == 80 { #expect(title.contains("idle"), "the consumers stay at 80 columns: \(title)") }
    }

    @Test func hostileQueueNameIsSanitizedOnScreen() {
        let surface = Self.render(Self.busyState(), 100, 30)
        #expect(surface.text.contains("evilqueue"))
        #expect(!surface.cells.contains { $0.glyph.unicodeScalars.contains { $0.value == 0x1B } })
    }

    @Test func idleTickChangesOnlyTheClockAndAges() {
        let s = Self.busyState()
        let a = Self.render(s, 120, 40, now: 1007)
        let b = Self.render(s, 120, 40, now: 1008)
        let runs = SurfaceDiff.diff(from: a, to: b)
        #expect(SurfaceDiff.cellCount(runs) <= 30, "idle second sent \(SurfaceDiff.cellCount(runs)) cells")
    }

    @Test func scrollingIsClampedToTheRows() {
        var ui = UIState()
        ui.scroll[.queues] = 1000
        let clamped = ConsoleView(header: Self.header).clamp(
            ui, state: Self.busyState(), now: 1007, width: 100, height: 30)
        #expect(clamped.scroll[.queues] == 0)
    }
}

@Suite struct HeaderTests {
    @Test(arguments: [100, 120, 200])
    func readOnlyBadgeSurvivesLongTargets(width: Int) {
        let header = HeaderInfo(
            postgresTarget: "sentry_readonly_user@postgres-primary.internal.example.com:6432/sentry",
            redisTarget: "redis://redis-broker.internal.example.com:6379/0")
        let line = ConsoleView(header: header).render(
            state: ConsoleState(), ui: UIState(), now: 0, width: width, height: 30
        ).line(0)
        #expect(line.contains(" READ-ONLY "))
        #expect(line.contains("00:00 "))
        #expect(DisplayWidth.of(line) == width)
    }

    @Test func narrowHeaderDropsTheUserBeforeTruncatingRedis() {
        let header = HeaderInfo(
            postgresTarget: "postgres@127.0.0.1:54339/sentry", redisTarget: "redis://127.0.0.1:63809/0")
        let line = ConsoleView(header: header).render(
            state: ConsoleState(), ui: UIState(), now: 0, width: 80, height: 24
        ).line(0)
        #expect(line.contains(" RO "))
        #expect(line.contains("pg 127.0.0.1:54339/sentry · 127.0.0.1:63809/0"), "\(line)")
    }
}
