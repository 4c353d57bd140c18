import Model

extension SentryMetrics {
    /// Rules the exporter cannot evaluate (they need the issue stream, which it does not read).
    static let notEvaluated: Set<String> = ["issue.spike"]

    /// `sentry_alert_firing{rule,severity}`: how many subjects of each built-in rule are firing, after the
    /// rule's `for` duration, exactly as the console counts them (silences are the console's, not Prometheus's,
    /// so they are not applied). A rule whose sources are down is absent, not 0.
    static func alerts(_ s: ConsoleState, up: [String: Bool]) -> [MetricFamily] {
        var ids: [String] = []
        if up["postgres"] == true { ids += AlertRules.postgresRules }
        if up["redis"] == true { ids += AlertRules.redisRules.union(AlertRules.workerRules) }
        var counts: [String: Int] = [:]
        for a in s.alerts.alerts.values where a.state == .firing {
            counts["\(a.rule)\u{0}\(a.severity.label.lowercased())", default: 0] += 1
        }
        var samples: [MetricFamily.Sample] = []
        for id in ids.sorted() where !notEvaluated.contains(id) {
            for sev in ["warning", "critical"] {
                samples.append(
                    .init([.init("rule", id), .init("severity", sev)], Double(counts["\(id)\u{0}\(sev)"] ?? 0)))
            }
        }
        var out = [
            MetricFamily(
                "sentry_alert_firing", .gauge,
                help: "Subjects (queues, tables, standbys) for which a sentry-console built-in rule is firing, after "
                    + "its for-duration; the rules and thresholds of the console and `check`.", samples)
        ]
        if up["postgres"] == true, let incidents = s.postgres.latest?.openIncidents {
            var byStatus = ["open": 0, "warning": 0, "critical": 0]
            for i in incidents { byStatus[i.statusWord, default: 0] += 1 }
            out.append(
                MetricFamily(
                    "sentry_metric_alert_incidents", .gauge,
                    help: "Sentry's own metric-alert incidents (about the monitored applications, not about Sentry) "
                        + "that are not closed, by status (the 20 most recent are read).",
                    byStatus.sorted { $0.key < $1.key }.map { .init([.init("status", $0.key)], Double($0.value)) }))
        }
        return out
    }
}
