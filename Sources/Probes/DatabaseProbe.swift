import Model

/// Reads Postgres health from `pg_stat_*` views only (O(backends), never a table scan): connections by
/// state/application/client/user, the longest query and transaction, lock waits with blockers, and the
/// cumulative counters behind event, issue and transaction rates. Every statement is parameterized.
struct DatabaseProbe {
    /// Tables whose insert counters drive the throughput rates.
    /// Tables whose insert counters drive the throughput rates, and the large Sentry tables whose sequential
    /// scans and analyze staleness the alerts watch (missing ones are simply absent).
    static let counterTables = [
        "nodestore_node", "sentry_groupedmessage", "sentry_activity", "sentry_grouphistory", "sentry_groupasignee",
        "sentry_eventattachment", "sentry_grouprelease", "sentry_userreport", "sentry_release_project",
        "sentry_environmentproject", "sentry_groupinbox", "sentry_groupseen",
    ]

    static let settingsSQL = """
        SELECT current_setting('max_connections')::int,
               current_setting('superuser_reserved_connections')::int,
               coalesce(d.xact_commit + d.xact_rollback, 0),
               extract(epoch FROM greatest(coalesce(d.stats_reset, pg_postmaster_start_time()),
                                           pg_postmaster_start_time())),
               extract(epoch FROM now()),
               split_part(current_setting('server_version'), ' ', 1),
               pg_backend_pid()
        FROM pg_stat_database d WHERE d.datname = current_database()
        """

    /// Everything read from pg_stat_activity, in one statement over one materialized scan of it: the view's
    /// cost grows with max_connections (every backend slot is read, plus joins), and five separate scans were
    /// most of the console's server time with 500 connections. Rows: kind ('group' | 'query' | 'xact' |
    /// 'idle' | 'wait'), pid, number (count or seconds), state (blockers for 'wait'), application, client
    /// address, user, query text (first $1 chars). Lock waits: at most $2.
    static let activitySQL = """
        WITH a AS MATERIALIZED (
            SELECT pid, state, application_name, client_addr, usename, query_start, xact_start,
                   state_change, backend_start, wait_event_type, query,
                   -- A role without pg_read_all_stats sees other roles' sessions with backend_type, state and
                   -- times NULL; a session in a database under a user is a client backend (state 'unknown').
                   coalesce(backend_type,
                            CASE WHEN datid IS NOT NULL AND usesysid IS NOT NULL THEN 'client backend' END) AS backend_type,
                   backend_type IS NULL AS hidden
            FROM pg_stat_activity WHERE pid <> pg_backend_pid()
        )
        SELECT 'group', NULL::int, count(*)::float8, coalesce(state, CASE WHEN hidden THEN 'hidden' ELSE 'unknown' END),
               coalesce(application_name, ''),
               coalesce(host(client_addr), CASE WHEN hidden THEN 'hidden' ELSE 'local' END), coalesce(usename, ''),
               NULL::text
        FROM a WHERE backend_type = 'client backend'
        GROUP BY 4, 5, 6, 7
        UNION ALL
        (SELECT 'query', pid, extract(epoch FROM clock_timestamp() - query_start)::float8, coalesce(state, ''),
                coalesce(application_name, ''), '', coalesce(usename, ''), left(query, $1::int)
         FROM a WHERE backend_type = 'client backend' AND state = 'active' AND query_start IS NOT NULL
         ORDER BY query_start LIMIT 1)
        UNION ALL
        (SELECT 'xact', pid, extract(epoch FROM clock_timestamp() - xact_start)::float8, coalesce(state, ''),
                coalesce(application_name, ''), '', coalesce(usename, ''), left(query, $1::int)
         FROM a WHERE backend_type = 'client backend' AND xact_start IS NOT NULL
         ORDER BY xact_start LIMIT 1)
        UNION ALL
        (SELECT 'idle', pid, extract(epoch FROM clock_timestamp() - state_change)::float8, coalesce(state, ''),
                coalesce(application_name, ''), '', coalesce(usename, ''), left(query, $1::int)
         FROM a WHERE backend_type = 'client backend' AND state IN ('idle in transaction', 'idle in transaction (aborted)')
         ORDER BY state_change LIMIT 1)
        UNION ALL
        (SELECT 'wait', pid, extract(epoch FROM clock_timestamp() - coalesce(state_change, query_start, backend_start))::float8,
                array_to_string(pg_blocking_pids(pid), ','), coalesce(application_name, ''), '', '', left(query, $1::int)
         FROM a WHERE wait_event_type = 'Lock'
         ORDER BY state_change LIMIT $2::int)
        """

    static let tablesSQL = """
        SELECT relname, n_tup_ins, n_tup_upd, n_live_tup, coalesce(seq_scan, 0), n_mod_since_analyze,
               extract(epoch FROM clock_timestamp() - greatest(last_analyze, last_autoanalyze))
        FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = ANY($1::text[])
        """

    /// The newest issue activity: a backward scan of the `last_seen` index, one row (docs/reference/sentry-schema.md
    /// §2.1: `last_seen` is indexed on every version).
    static let latestSeenSQL = "SELECT extract(epoch FROM max(last_seen)) FROM sentry_groupedmessage"

    /// Which Sentry tables exist and which of them this role may read (a monitoring role with only pg_monitor
    /// reads every pg_stat_* view but no Sentry table): a table it may not read is skipped, not an outage.
    static let installSQL = """
        SELECT to_regclass('sentry_groupedmessage') IS NOT NULL, to_regclass('nodestore_node') IS NOT NULL,
               to_regclass('django_migrations') IS NOT NULL, to_regclass('sentry_incident') IS NOT NULL,
               array_to_string(ARRAY(
                   SELECT t FROM unnest($1::text[]) AS t
                   WHERE to_regclass(t) IS NOT NULL AND NOT has_table_privilege(to_regclass(t), 'SELECT')), ',')
        """

    /// The Sentry tables the console reads (the issue stream, its detail, the install markers, incidents).
    static let readTables = [
        "sentry_groupedmessage", "sentry_project", "sentry_organization", "sentry_activity", "nodestore_node",
        "django_migrations", "sentry_incident",
    ]

    /// `pg_stat_replication` joins `pg_stat_get_activity()` (every backend slot, like pg_stat_activity): the
    /// one-time filter skips that scan when no WAL sender runs (most installs), and `ActivityReading` reads it
    /// on its own cadence.
    static let replicationSQL = """
        SELECT coalesce(application_name, ''), coalesce(state, ''), extract(epoch FROM replay_lag)
        FROM pg_stat_replication WHERE (SELECT count(*) FROM pg_stat_get_wal_senders()) > 0
        ORDER BY replay_lag DESC NULLS LAST LIMIT 20
        """

    /// Open incidents: status 1 (open), 10 (warning), 20 (critical); 2 is closed. Small table, bounded read.
    static let incidentsSQL = """
        SELECT id, identifier, left(title, 200), status, extract(epoch FROM clock_timestamp() - date_started)
        FROM sentry_incident WHERE status = ANY($1::int[]) ORDER BY date_started DESC LIMIT 20
        """

    static let migrationSQL = "SELECT max(name) FROM django_migrations WHERE app = $1"

    static let queryChars = 200
    static let maxLockWaits = 20

    /// Reads the install markers (once per connection).
    static func install(_ conn: PostgresConnection) throws(ProbeError) -> SentryInstall {
        let row = try conn.query(installSQL, ["{" + readTables.joined(separator: ",") + "}"]).first ?? []
        let denied = row.count > 4 ? (row[4] ?? "").split(separator: ",").map { clean(String($0)) } : []
        // A table counts when it exists and this role may read it.
        let flag = { (i: Int, table: String) in row.count > i && row[i] == "t" && !denied.contains(table) }
        var migration: String?
        if flag(2, "django_migrations") {
            let rows = try conn.query(migrationSQL, ["sentry"])
            if let first = rows.first, let name = first.first ?? nil {
                migration = TextSanitizer.clean(name, maxLength: 100)
            }
        }
        var install = SentryInstall(
            hasIssues: row.first == "t", hasNodestore: row.count > 1 && row[1] == "t", latestMigration: migration)
        install.hasIncidents = flag(3, "sentry_incident")
        install.deniedTables = denied.isEmpty ? nil : denied
        return install
    }

    /// Takes one sample; `activity` is the last `pg_stat_activity` reading, re-read when due (see
    /// `ActivityReading`) and carried otherwise.
    static func sample(
        _ conn: PostgresConnection, install: SentryInstall, activity: inout ActivityReading?
    ) throws(ProbeError) -> PostgresSnapshot {
        guard let settings = try conn.query(settingsSQL).first, settings.count == 7 else {
            throw ProbeError(.protocol, "current database not found in pg_stat_database")
        }
        let now = try required(settings.double(4), "server time")
        if var carried = activity, !carried.due {
            carried.skipped += 1
            activity = carried
        } else {
            activity = try ActivityReading.read(conn, now: now)
        }
        var tables: [TableCounters] = []
        for row in try conn.query(tablesSQL, ["{" + counterTables.joined(separator: ",") + "}"]) {
            guard row.count == 7, let name = row[0] else { continue }
            let counter = { (i: Int) throws(ProbeError) -> Int64 in try required(row.int64(i), "\(name) counter \(i)") }
            tables.append(
                TableCounters(
                    name: name, inserts: try counter(1), updates: try counter(2), liveTuples: try counter(3),
                    seqScans: try counter(4), modsSinceAnalyze: try counter(5), analyzedSecondsAgo: row.double(6)))
        }
        var incidents: [OpenIncident]?
        if install.hasIncidents {
            var open: [OpenIncident] = []
            for row in try conn.query(incidentsSQL, ["{1,10,20}"]) where row.count == 5 {
                open.append(
                    OpenIncident(
                        id: try required(row.int64(0), "incident id"),
                        identifier: try required(row.int(1), "incident identifier"), title: clean(row[2]),
                        status: try required(row.int(3), "incident status"),
                        startedSecondsAgo: try required(row.double(4), "incident start")))
            }
            incidents = open
        }
        var snapshot = PostgresSnapshot(
            takenAt: now, serverVersion: clean(settings[5]),
            database: conn.database, consolePid: try required(settings.int(6), "backend pid"),
            maxConnections: try required(settings.int(0), "max_connections"),
            reservedConnections: try required(settings.int(1), "reserved connections"),
            total: 0, byState: [], byApplication: [], byClient: [], byUser: [], longestQuery: nil,
            longestTransaction: nil, lockWaits: [],
            transactions: try required(settings.int64(2), "xact_commit + xact_rollback"),
            statsEpoch: try required(settings.double(3), "stats_reset"),
            tables: tables, install: install)
        activity?.apply(to: &snapshot)
        snapshot.openIncidents = incidents
        if install.hasIssues, install.deniedTables?.contains("sentry_groupedmessage") != true {
            snapshot.latestIssueSeen = try conn.query(latestSeenSQL).first?.double(0)
        }
        return snapshot
    }

    static func clean(_ s: String?) -> String { TextSanitizer.clean(s ?? "", maxLength: 120) }

    /// The first non-empty line of a query, sanitized.
    static func firstLine(_ s: String?) -> String {
        let line = (s ?? "").split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }
        return TextSanitizer.clean(String(line ?? ""), maxLength: queryChars).trimmingSpaces()
    }

}
