import Model

/// The console's built-in rules as Prometheus alerting rules over the exporter's metrics, generated from the
/// same `AlertThresholds` (so `contrib/prometheus/sentry-console.rules.yml` is the default thresholds'
/// output, and a test fails when the two drift). Windows are at least 1 m so a 15 s scrape interval gives each
/// rate four points; where the console judges per queue or per issue from data the exporter does not carry,
/// `notExpressible` says why.
public enum PrometheusRules {
    /// Console rules with no Prometheus equivalent, and why.
    public static let notExpressible: [String: String] = [
        "queue.flooding":
            "needs per-project shares of sampled messages, which are not exported (bounded cardinality); page on "
            + "the exporter's own evaluation, sentry_alert_firing{rule=\"queue.flooding\"}",
        "issue.spike": "needs per-issue event rates; the exporter has no per-issue series (bounded cardinality)",
        "sentry.incident":
            "Sentry's own metric-alert incidents are about the monitored applications, not Sentry; they are "
            + "exported as sentry_metric_alert_incidents for dashboards, not paged on",
    ]

    static let backlogRunbook =
        "Celery backlog: check the worker logs for errors and slow tasks, scale the workers that "
        + "consume this queue (sentry-console: Workers screen, 3), and if one project floods it, filter or "
        + "rate-limit its events (inbound filters, key rate limits)."
    static let scansRunbook =
        "Full-table scans on a large Sentry table: run ANALYZE on it, check autovacuum, and review "
        + "effective_cache_size and random_page_cost so the planner uses the indexes."

    public static func rules(_ t: AlertThresholds) -> [PrometheusRule] {
        queueRules(t) + databaseRules(t) + ingestRules(t)
    }

    static func queueRules(_ t: AlertThresholds) -> [PrometheusRule] {
        let n = PrometheusRule.number
        return [
            PrometheusRule(
                alert: "SentryQueueBacklogGrowing", rule: "queue.backlog_growing", severity: "warning",
                expr: "sentry_queue_depth > 0 and deriv(sentry_queue_depth[1m]) > 0",
                forSeconds: t.backlogGrowingFor,
                summary: "Celery queue {{ $labels.queue }} is growing ({{ $value }} waiting)", runbook: backlogRunbook),
            PrometheusRule(
                alert: "SentryQueueDrainSlow", rule: "queue.drain_eta", severity: "warning",
                expr: "sentry_queue_depth > 0 and deriv(sentry_queue_depth[1m]) < 0 "
                    + "and sentry_queue_depth / -deriv(sentry_queue_depth[1m]) > \(n(t.drainEtaSeconds))",
                forSeconds: t.drainEtaFor,
                summary:
                    "Celery queue {{ $labels.queue }} drains in more than \(PrometheusRule.duration(t.drainEtaSeconds))",
                runbook: backlogRunbook),
            PrometheusRule(
                alert: "SentryQueueStalled", rule: "queue.stalled", severity: "critical",
                expr: "sentry_queue_depth > 0 and changes(sentry_queue_depth[1m]) == 0", forSeconds: t.stalledFor,
                summary: "Celery queue {{ $labels.queue }} has {{ $value }} waiting and does not move",
                runbook: "Nothing consumes the queue: check that the workers run, consume this queue (-Q) and reach "
                    + "Redis. " + backlogRunbook),
            .above(
                "sentry_queue_oldest_unacked_age_seconds", t.oldestInFlightSeconds, alert: "SentryQueueUnackedOld",
                rule: "queue.inflight_old",
                summary: "A Celery message has been reserved but unacked for {{ $value | humanizeDuration }}",
                runbook: "A hung worker holds it, or tasks with a long ETA/countdown: find the worker (Workers screen) "
                    + "and restart it if it is stuck."),
            PrometheusRule(
                alert: "SentryQueueNoConsumers", rule: "queue.no_consumers", severity: "critical",
                expr: "sum without (queue) (sentry_queue_depth) > 0 "
                    + "and sum without (state) (sentry_celery_consumers) == 0",
                forSeconds: t.noConsumersFor,
                summary: "Celery queues hold {{ $value }} messages and no consumer is connected",
                runbook: "No Celery worker is connected to the broker: start the workers and check they reach Redis. "
                    + "(The console also detects a single queue without consumers; this rule sees all queues. The "
                    + "consumer count comes from CLIENT LIST, read every 60 s or less often on big brokers: "
                    + "sentry_celery_consumers_age_seconds.)"),
            PrometheusRule(
                alert: "SentryWorkerOffline", rule: "worker.offline", severity: "warning",
                expr: #"sentry_celery_workers{state=~"offline|silent"} > 0"#, forSeconds: t.workerOfflineFor,
                summary: "{{ $value }} Celery worker(s) {{ $labels.state }}",
                runbook: "A worker stopped answering or said goodbye: expected during a deploy; otherwise check the "
                    + "process and its host."),
        ]
    }

    static func ingestRules(_ t: AlertThresholds) -> [PrometheusRule] {
        let n = PrometheusRule.number
        return [
            PrometheusRule(
                alert: "SentryIngestStalled", rule: "ingest.stalled", severity: "critical",
                expr:
                    "rate(sentry_events_processed_total[1m]) == 0 and increase(sentry_events_processed_total[1h]) > 0",
                forSeconds: t.ingestStalledFor, summary: "No event has been saved to nodestore recently",
                runbook: "Nothing is written to nodestore: check Relay, the ingest consumers and the events.* queues."),
            PrometheusRule(
                alert: "SentryNewIssueBurst", rule: "issue.new_burst", severity: "warning",
                expr: "rate(sentry_new_issues_total[1m]) * 60 > \(n(t.newIssuesPerMinute))", forSeconds: 0,
                summary: "{{ $value | humanize }} new issues per minute",
                runbook: "A deploy or an outage is creating new issues: look at the newest issues and releases."),
            PrometheusRule(
                alert: "SentryConsoleSourceDown", rule: "source.down", severity: "critical",
                expr: "sentry_console_source_up == 0", forSeconds: 60,
                summary: "sentry-console cannot read {{ $labels.source }}",
                runbook: "The exporter cannot reach this source (its metrics are absent, not 0): check the server "
                    + "and the exporter's credentials."),
        ]
    }
}
