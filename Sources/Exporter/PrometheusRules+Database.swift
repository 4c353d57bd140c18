import Model

extension PrometheusRules {
    static func databaseRules(_ t: AlertThresholds) -> [PrometheusRule] {
        let n = PrometheusRule.number
        let d = PrometheusRule.duration
        let usage =
            "sum without (state) (postgresql_connections) * 100 "
            + "/ (postgresql_max_connections - postgresql_reserved_connections)"
        let large = "postgresql_table_rows >= \(n(t.largeTableRows))"
        let connections = { (sev: String, pct: Double) in
            PrometheusRule(
                alert: sev == "critical" ? "PostgresConnectionsCritical" : "PostgresConnectionsHigh",
                rule: "db.connections", severity: sev, expr: "\(usage) >= \(n(pct))", forSeconds: 0,
                summary: "Postgres connections at {{ $value | humanize }}% of the usable max_connections",
                runbook: "Pools near max_connections: find the application holding most (console Overview), "
                    + "consider pgbouncer.")
        }
        return [
            connections("warning", t.connectionsWarnPercent), connections("critical", t.connectionsCritPercent),
            .above(
                "postgresql_longest_idle_in_transaction_seconds", t.idleInTransactionSeconds,
                alert: "PostgresIdleInTransaction", rule: "db.idle_in_transaction",
                summary: "A session has been idle in transaction for {{ $value | humanizeDuration }}",
                runbook: "An open transaction blocks vacuum and may hold locks: find that application and fix it."),
            .above(
                "postgresql_longest_query_seconds", t.longQuerySeconds, alert: "PostgresLongQuery",
                rule: "db.long_query",
                summary: "A query has run for {{ $value | humanizeDuration }}",
                runbook: "EXPLAIN it; cancel it with pg_cancel_backend if it is stuck."),
            .above(
                "postgresql_longest_lock_wait_seconds", t.lockWaitSeconds, alert: "PostgresLockWait",
                rule: "db.lock_wait",
                summary: "A session has waited on a lock for {{ $value | humanizeDuration }}",
                runbook: "Sessions wait on locks: look at the blocking pid (console Overview, Database)."),
            PrometheusRule(
                alert: "PostgresSeqScansOnLargeTable", rule: "db.seq_scans", severity: "warning",
                expr: "rate(postgresql_table_seq_scans_total[1m]) * 60 >= \(n(t.seqScansPerMinute)) and \(large)",
                forSeconds: 0, summary: "{{ $value | humanize }} sequential scans/min on {{ $labels.table }}",
                runbook: scansRunbook),
            PrometheusRule(
                alert: "PostgresStaleAnalyze", rule: "db.stale_analyze", severity: "warning",
                expr: "postgresql_table_modified_rows_since_analyze > \(n(t.staleAnalyzeFraction)) * "
                    + "postgresql_table_rows and \(large) "
                    + "unless postgresql_table_last_analyze_age_seconds <= \(n(t.staleAnalyzeAge))",
                forSeconds: 0,
                summary: "Planner statistics of {{ $labels.table }} are stale (older than \(d(t.staleAnalyzeAge)))",
                runbook: "ANALYZE the table and check autovacuum. " + scansRunbook),
            .above(
                "postgresql_replication_lag_seconds", t.replicationLagSeconds, alert: "PostgresReplicationLag",
                rule: "db.replication_lag",
                summary: "Standby {{ $labels.standby }} lags {{ $value | humanizeDuration }}",
                runbook: "The standby falls behind: check its I/O and network."),
            .above(
                "postgresql_replication_lag_seconds", t.replicationLagSeconds * 10,
                alert: "PostgresReplicationLagCritical", rule: "db.replication_lag", severity: "critical",
                summary: "Standby {{ $labels.standby }} lags {{ $value | humanizeDuration }}",
                runbook: "The standby falls far behind: check its I/O and network."),
        ]
    }
}
