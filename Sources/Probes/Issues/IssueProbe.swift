import Foundation
import Model

/// Reads the issue stream, one issue's detail, and users/teams for triage — all parameterized, bounded and
/// index-backed (primary/unique keys, FK indexes, the `nodestore_node.timestamp` index).
enum IssueProbe {
    static func stream(
        _ conn: PostgresConnection, schema: IssueSchema, query: IssueQuery, sort: IssueSort, me: Int64?, limit: Int
    ) throws(ProbeError) -> IssuesSnapshot {
        let built: IssueStreamSQL
        do {
            built = try IssueStreamSQL.build(query, sort: sort, schema: schema, me: me, limit: limit)
        } catch {
            switch error {
            case .needsUser(let m), .schema(let m): throw ProbeError(.config, m)
            }
        }
        let started = Date()
        let rows = try conn.query(built.sql, built.params)
        let elapsed = Date().timeIntervalSince(started) * 1000
        return IssuesSnapshot(
            rows: rows.compactMap(IssueStreamSQL.row), query: query.source, sort: sort, textWindow: built.textWindow,
            schemaNotes: schema.notes, elapsedMs: elapsed, takenAt: Date().timeIntervalSince1970)
    }

    static let activitySQL = """
        SELECT extract(epoch FROM a.datetime), a.type, coalesce(nullif(u.first_name, ''), u.email, ''),
               left(coalesce(a.data, ''), 200)
        FROM sentry_activity a LEFT JOIN auth_user u ON u.id = a.user_id
        WHERE a.group_id = $1::bigint ORDER BY a.datetime DESC, a.id DESC LIMIT 12
        """

    /// Events stored from 1 s before to 60 s after the issue's last_seen, oldest first, at most 200 rows: Sentry
    /// stores an event after its timestamp (ingest latency), so the scan starts just before last_seen, where
    /// the issue's own event is, rather than wading through earlier traffic. The event JSON has no group id, so
    /// the latest event is the first one of the issue's project with the issue's title, or its culprit and an
    /// error type the title names (docs/reference/sentry-schema.md §2.11). Bounded by the timestamp index and the LIMIT.
    static let nodestoreSQL = """
        SELECT data, extract(epoch FROM timestamp) FROM nodestore_node
        WHERE timestamp >= to_timestamp($1::double precision) - interval '1 second'
          AND timestamp <= to_timestamp($1::double precision) + interval '60 seconds'
        ORDER BY timestamp LIMIT 200
        """

    static func detail(_ conn: PostgresConnection, schema: IssueSchema, row: IssueRow) throws(ProbeError) -> IssueDetail
    {
        var activity: [IssueDetail.ActivityEntry] = []
        if schema.has("sentry_activity") {
            activity = try conn.query(activitySQL, [String(row.id)]).map { r in
                IssueDetail.ActivityEntry(
                    time: r[0].flatMap(Double.init) ?? 0, type: r[1].flatMap(Int.init) ?? 0,
                    user: TextSanitizer.clean(r[2] ?? "", maxLength: 60),
                    data: TextSanitizer.clean(r[3] ?? "", maxLength: 200))
            }
        }
        let event: IssueDetail.EventState
        if !schema.has("nodestore_node") {
            event = .unavailable("events are not stored in Postgres on this install")
        } else {
            event = try latestEvent(conn, row: row)
        }
        return IssueDetail(issueId: row.id, activity: activity, event: event, takenAt: Date().timeIntervalSince1970)
    }

    static func latestEvent(_ conn: PostgresConnection, row: IssueRow) throws(ProbeError) -> IssueDetail.EventState {
        let rows = try conn.query(nodestoreSQL, [String(row.lastSeen)])
        var legacy = 0
        for r in rows {
            guard let data = r[0] else { continue }
            switch NodestoreDecoder.decode(data) {
            case .json(let obj):
                let project = (obj["project"] as? NSNumber)?.int64Value ?? Int64("\(obj["project"] ?? "")")
                guard project == row.projectId else { continue }
                let culprit = TextSanitizer.clean("\(obj["culprit"] ?? "")", maxLength: 200)
                let title = TextSanitizer.clean("\(obj["title"] ?? "")", maxLength: 300)
                let summary = NodestoreDecoder.summary(obj, time: r[1].flatMap(Double.init) ?? 0)
                // Same title, or same culprit with an error type the issue's title names: a culprit alone is
                // shared by many issues (different errors in one function).
                let titleMatches = !row.title.isEmpty && title == row.title
                let culpritMatches =
                    !row.culprit.isEmpty && culprit == row.culprit
                    && (summary.exceptionType.isEmpty || row.title.contains(summary.exceptionType))
                guard titleMatches || culpritMatches else { continue }
                return .found(summary)
            case .legacyPickle: legacy += 1
            case .invalid: continue
            }
        }
        let note = legacy > 0 ? " (\(legacy) legacy pickled rows skipped, never unpickled)" : ""
        return .unavailable("no stored event of this issue around its last seen time\(note)")
    }

    /// An active user by email or username (for `--as` and assignment).
    static func user(_ conn: PostgresConnection, _ who: String) throws(ProbeError) -> SentryUser? {
        let rows = try conn.query(
            """
            SELECT id, first_name, email FROM auth_user
            WHERE (username = $1 OR lower(email) = lower($1)) AND is_active ORDER BY id LIMIT 1
            """, [who])
        guard let r = rows.first, let id = r[0].flatMap({ Int64($0) }) else { return nil }
        return SentryUser(
            id: id, name: TextSanitizer.clean(r[1] ?? "", maxLength: 80),
            email: TextSanitizer.clean(r[2] ?? "", maxLength: 120))
    }
}
