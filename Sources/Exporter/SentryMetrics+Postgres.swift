import Model

extension SentryMetrics {
    /// The `pg_stat_activity` states exported even when no backend is in them (so a graph shows 0, not a gap).
    static let connectionStates = [
        "active", "idle", "idle in transaction", "idle in transaction (aborted)", "fastpath function call",
        "disabled",
    ]

    static func postgres(_ p: PostgresSnapshot, eventsElsewhere: Bool = false) -> [MetricFamily] {
        var states = Dictionary(uniqueKeysWithValues: connectionStates.map { ($0, 0) })
        for c in p.byState { states[c.name, default: 0] += c.count }
        var out = [
            MetricFamily(
                "postgresql_connections", .gauge,
                help: "Client backends in pg_stat_activity by state, this exporter's own backend excluded.",
                states.sorted { $0.key < $1.key }.map { .init([.init("state", $0.key)], Double($0.value)) }),
            MetricFamily(
                "postgresql_max_connections", .gauge, help: "The server's max_connections setting.",
                value: Double(p.maxConnections)),
            MetricFamily(
                "postgresql_reserved_connections", .gauge,
                help: "Connections reserved for superusers (superuser_reserved_connections + reserved_connections); "
                    + "ordinary roles can use max_connections minus this.", value: Double(p.reservedConnections)),
            MetricFamily(
                "postgresql_lock_waiting_sessions", .gauge,
                help: "Sessions waiting on a heavyweight lock (pg_stat_activity wait_event_type = Lock).",
                value: Double(p.lockWaits.count)),
            MetricFamily(
                "postgresql_longest_lock_wait_seconds", .gauge,
                help: "How long the longest lock wait has lasted so far (0 when no session waits).",
                value: p.lockWaits.map(\.waitingSeconds).max() ?? 0),
            MetricFamily(
                "postgresql_longest_transaction_seconds", .gauge,
                help: "Age of the oldest open transaction among client backends (0 when none is open).",
                value: p.longestTransaction?.seconds ?? 0),
            MetricFamily(
                "postgresql_longest_query_seconds", .gauge,
                help: "Run time of the longest active query (0 when none runs).", value: p.longestQuery?.seconds ?? 0),
            MetricFamily(
                "postgresql_longest_idle_in_transaction_seconds", .gauge,
                help: "Time since the last state change of the session idle in transaction for longest (0 when none).",
                value: p.longestIdleInTransaction?.seconds ?? 0),
        ]
        out += tables(p, eventsElsewhere: eventsElsewhere)
        if !p.replicas.isEmpty {
            out.append(
                MetricFamily(
                    "postgresql_replication_lag_seconds", .gauge,
                    help: "replay_lag of each standby from pg_stat_replication (absent when the standby reports none).",
                    p.replicas.compactMap { r in r.replayLagSeconds.map { .init([.init("standby", r.name)], $0) } }))
        }
        return out
    }

    /// Sentry's throughput counters and the large tables' scan and size figures, from `pg_stat_user_tables`.
    /// `eventsElsewhere`: events bypass nodestore_node (ConsoleState.eventStore), so its insert count is no event
    /// count — absent, never a flat line read as zero events.
    static func tables(_ p: PostgresSnapshot, eventsElsewhere: Bool = false) -> [MetricFamily] {
        var out: [MetricFamily] = []
        if let n = p.table("nodestore_node"), !eventsElsewhere {
            out.append(
                MetricFamily(
                    "sentry_events_processed_total", .counter,
                    help: "Rows inserted into nodestore_node (pg_stat_user_tables.n_tup_ins): one per event saved. "
                        + "Resets with the statistics (pg_stat_reset, crash recovery). Where nodestore is not "
                        + "Postgres (S3, SeaweedFS from self-hosted 25.9) it is absent once issues are seen for two "
                        + "minutes without one insert.", value: Double(n.inserts)))
        }
        if let g = p.table("sentry_groupedmessage") {
            out.append(
                MetricFamily(
                    "sentry_new_issues_total", .counter,
                    help: "Rows inserted into sentry_groupedmessage (n_tup_ins): new issues. Resets with the "
                        + "statistics.", value: Double(g.inserts)))
        }
        let label = { (t: TableCounters) in [MetricFamily.Label("table", t.name)] }
        out.append(
            MetricFamily(
                "postgresql_table_seq_scans_total", .counter,
                help: "Sequential scans of Sentry's large tables (pg_stat_user_tables.seq_scan); resets with the "
                    + "statistics.", p.tables.map { .init(label($0), Double($0.seqScans)) }))
        out.append(
            MetricFamily(
                "postgresql_table_rows", .gauge, help: "Estimated live rows (pg_stat_user_tables.n_live_tup).",
                p.tables.map { .init(label($0), Double($0.liveTuples)) }))
        out.append(
            MetricFamily(
                "postgresql_table_modified_rows_since_analyze", .gauge,
                help: "Rows changed since the last (auto)analyze (pg_stat_user_tables.n_mod_since_analyze).",
                p.tables.map { .init(label($0), Double($0.modsSinceAnalyze)) }))
        out.append(
            MetricFamily(
                "postgresql_table_last_analyze_age_seconds", .gauge,
                help: "Seconds since the last analyze or autoanalyze (absent for a table never analyzed).",
                p.tables.compactMap { t in t.analyzedSecondsAgo.map { .init(label(t), $0) } }))
        return out
    }
}
