import Testing

@testable import Exporter
@testable import Model

@Suite struct SentryMetricsTests {
    let up = [
        SourceReport(source: "postgres", up: true, durationSeconds: 0.01),
        SourceReport(source: "redis", up: true, durationSeconds: 0.002),
    ]

    /// Events that bypass nodestore_node (self-hosted 25.9): its flat insert count is no event count, so the
    /// counter is left out (Grafana shows "no data", the stalled-ingest rule is not judged), never a flat zero rate.
    @Test func eventsStoredElsewhereLeaveTheEventCounterOut() {
        var s = ConsoleState()
        for t in stride(from: 0.0, through: 130, by: 2) {
            var p = ExporterFixtures.postgres(at: t, inserts: 1000)
            p.latestIssueSeen = 9000 + t
            s.apply(.postgres(.success(p), at: t, retryAt: t + 2))
        }
        #expect(s.eventStore.elsewhere)
        let f = SentryMetrics.families(state: s, sources: up, now: 130, version: "1")
        #expect(f.named("sentry_events_processed_total") == nil)
        #expect(f.named("sentry_new_issues_total") != nil, "the other table counters stay")
    }

    @Test func seedMetricsCarryTheConsolesNumbers() {
        let f = SentryMetrics.families(
            state: ExporterFixtures.state(), sources: up, now: ExporterFixtures.now, version: "1.2.3")
        #expect(f.named("sentry_queue_depth")?.value([.init("queue", "events.save_event")]) == 3)
        #expect(f.named("sentry_queue_depth")?.value([.init("queue", "default")]) == 0)
        #expect(f.named("sentry_events_processed_total")?.kind == .counter)
        #expect(f.named("sentry_events_processed_total")?.value() == 1000)
        #expect(f.named("sentry_new_issues_total")?.value() == 42)
        #expect(f.named("postgresql_connections")?.value([.init("state", "idle")]) == 5)
        #expect(f.named("postgresql_connections")?.value([.init("state", "active")]) == 2)
        #expect(f.named("postgresql_connections")?.value([.init("state", "idle in transaction")]) == 0)
        #expect(f.named("postgresql_max_connections")?.value() == 100)
        #expect(f.named("sentry_queue_unacked_messages")?.value() == 2)
        #expect(f.named("sentry_queue_oldest_unacked_age_seconds")?.value() == 30)
        #expect(f.named("sentry_celery_consumers")?.value([.init("state", "waiting")]) == 4)
        #expect(f.named("sentry_celery_consumers")?.value([.init("state", "not_polling")]) == 2)
        #expect(f.named("sentry_buffer_pending_keys")?.value() == 11)
        #expect(f.named("postgresql_lock_waiting_sessions")?.value() == 1)
        #expect(f.named("postgresql_longest_transaction_seconds")?.value() == 12.5)
        #expect(f.named("postgresql_table_seq_scans_total")?.value([.init("table", "nodestore_node")]) == 5)
        #expect(f.named("postgresql_table_rows")?.value([.init("table", "nodestore_node")]) == 50_000)
        #expect(f.named("sentry_console_build_info")?.value([.init("version", "1.2.3")]) == 1)
        #expect(f.named("sentry_console_source_up")?.value([.init("source", "redis")]) == 1)
        let named = SentryMetrics.console([], version: "1.2.3", install: "prod-eu")
        #expect(named.first?.samples.first?.labels == [.init("version", "1.2.3"), .init("install", "prod-eu")])
        #expect(f.named("sentry_metric_alert_incidents")?.value([.init("status", "critical")]) == 1)
    }

    @Test func aSourceThatIsDownHasNoMetricsNotZeros() {
        let sources = [
            SourceReport(source: "postgres", up: false, durationSeconds: nil),
            SourceReport(source: "redis", up: true, durationSeconds: 0.002),
        ]
        let f = SentryMetrics.families(
            state: ExporterFixtures.state(), sources: sources, now: ExporterFixtures.now, version: "1")
        #expect(f.named("sentry_console_source_up")?.value([.init("source", "postgres")]) == 0)
        #expect(f.named("postgresql_connections") == nil)
        #expect(f.named("sentry_events_processed_total") == nil)
        #expect(
            f.named("sentry_alert_firing")?.samples.contains { $0.labels.first?.value == "db.connections" } == false)
        #expect(f.named("sentry_queue_depth") != nil)
    }

    @Test func queueMetricsAreAbsentUnlessTasksAreOnCeleryRedis() {
        var s = ConsoleState(interval: 15)
        var r = ExporterFixtures.redis(at: ExporterFixtures.now)
        r.broker = .absent
        r.queues = r.queues.map {
            var q = $0
            q.depth = 0
            return q
        }
        s.apply(.redis(.success(r), at: ExporterFixtures.now, retryAt: ExporterFixtures.now))
        let f = SentryMetrics.families(state: s, sources: up, now: ExporterFixtures.now, version: "1")
        #expect(f.named("sentry_queue_depth") == nil)
        #expect(f.named("sentry_queue_unacked_messages") == nil)
        #expect(f.named("sentry_task_backend")?.value([.init("backend", "unknown")]) == 1)
    }

    @Test func firingAlertsAreCountedPerRuleAndSeverityAfterTheirForDuration() {
        var s = ExporterFixtures.state()
        let t = ExporterFixtures.now
        // 97 of 97 usable connections: db.connections critical, no `for` duration.
        var p = ExporterFixtures.postgres(at: t + 1)
        p.total = 97
        s.apply(.postgres(.success(p), at: t + 1, retryAt: t + 1))
        let f = SentryMetrics.families(state: s, sources: up, now: t + 1, version: "1")
        let firing = f.named("sentry_alert_firing")
        #expect(firing?.value([.init("rule", "db.connections"), .init("severity", "critical")]) == 1)
        #expect(firing?.value([.init("rule", "db.connections"), .init("severity", "warning")]) == 0)
        #expect(firing?.value([.init("rule", "queue.stalled"), .init("severity", "critical")]) == 0)
        #expect(firing?.samples.contains { $0.labels.first?.value == "issue.spike" } == false)
    }

    @Test func everyFamilyNameFollowsPrometheusNamingRules() {
        let f = SentryMetrics.families(
            state: ExporterFixtures.state(), sources: up, now: ExporterFixtures.now, version: "1")
        for family in f {
            #expect(family.name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "\(family.name)")
            #expect(family.name.hasSuffix("_total") == (family.kind == .counter), "\(family.name)")
            #expect(!family.help.isEmpty)
            let names = Set(family.samples.map { $0.labels.map(\.name) })
            #expect(names.count <= 1, "\(family.name) mixes label sets")
        }
    }

    @Test func theOldestMessageAgeComesFromTheBacklogSample() {
        var s = ExporterFixtures.state()
        var tally = MessageTally()
        tally.add(
            SampledMessage(task: "sentry.tasks.store.save_event", projectId: 1, startTime: ExporterFixtures.now - 95))
        var r = ExporterFixtures.redis(at: ExporterFixtures.now + 1)
        r.breakdowns = [
            QueueBreakdown(
                queue: "events.save_event", takenAt: ExporterFixtures.now + 1, depth: 3, oldest: tally, newest: tally,
                all: tally)
        ]
        s.apply(.redis(.success(r), at: ExporterFixtures.now + 1, retryAt: ExporterFixtures.now + 1))
        let f = SentryMetrics.families(state: s, sources: up, now: ExporterFixtures.now + 5, version: "1")
        #expect(f.named("sentry_queue_oldest_message_age_seconds")?.value([.init("queue", "events.save_event")]) == 100)
        let none = SentryMetrics.families(
            state: ExporterFixtures.state(), sources: up, now: ExporterFixtures.now, version: "1")
        #expect(none.named("sentry_queue_oldest_message_age_seconds") == nil, "absent, not 0, without a sample")
    }
}
