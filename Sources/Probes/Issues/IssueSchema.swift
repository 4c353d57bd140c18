import Model

/// The columns the issue panel and the triage writer may use, discovered from `information_schema` at start-up:
/// Sentry's schema differs by version (priority from 24.1, score gone from ~24.10, actor columns gone from
/// ~24.6; docs/reference/sentry-schema.md §7.5), so nothing optional is hard-coded.
struct IssueSchema: Sendable, Equatable {
    static let tables = [
        "sentry_groupedmessage", "sentry_project", "sentry_organization", "sentry_groupasignee", "auth_user",
        "sentry_team", "sentry_groupbookmark", "sentry_groupinbox", "sentry_activity", "sentry_grouphistory",
        "sentry_groupresolution", "sentry_groupsnooze", "nodestore_node",
    ]

    static let discoverySQL = """
        SELECT table_name::text, column_name::text FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ANY($1::text[])
        """

    /// table → columns.
    var columns: [String: Set<String>]

    init(columns: [String: Set<String>]) { self.columns = columns }

    static func discover(_ conn: PostgresConnection) throws(ProbeError) -> IssueSchema {
        let rows = try conn.query(discoverySQL, ["{\(tables.joined(separator: ","))}"])
        var columns: [String: Set<String>] = [:]
        for r in rows {
            guard let t = r[0], let c = r[1] else { continue }
            columns[t, default: []].insert(c)
        }
        return IssueSchema(columns: columns)
    }

    func has(_ table: String) -> Bool { columns[table] != nil }
    func has(_ table: String, _ column: String) -> Bool { columns[table]?.contains(column) ?? false }

    /// Ready for the stream: the issue table with the columns every supported version has.
    var missingEssentials: [String] {
        ["id", "project_id", "status", "times_seen", "last_seen", "first_seen", "message", "level"]
            .filter { !has("sentry_groupedmessage", $0) }
    }

    /// What differs from the newest shape, in words for the panel.
    var notes: [String] {
        var out: [String] = []
        if !has("sentry_groupedmessage", "priority") { out.append("no priority column (before 24.1)") }
        if !has("sentry_groupedmessage", "substatus") { out.append("no substatus column") }
        if !has("nodestore_node") { out.append("no nodestore_node table (events not in Postgres)") }
        return out
    }
}
