import Model

/// Builds the stream query for an `IssueQuery`: parameterized (values never spliced into SQL), bounded by
/// LIMITs, and shaped for Sentry's indexes — an inner candidate scan ordered by an indexed column
/// (`last_seen`, `times_seen`, `first_seen`) with indexed/semi-join predicates, then joins by primary or unique
/// keys for the visible rows. Free text cannot use an index, so it filters only the newest `textWindow`
/// candidates (reported on screen) instead of scanning the table.
struct IssueStreamSQL {
    static let textWindow = 2000
    static let driveLimit = 10_000

    enum BuildError: Error, Equatable {
        case needsUser(String)
        case schema(String)
    }

    var sql: String
    var params: [String?]
    var textWindow: Int?

    static func build(
        _ query: IssueQuery, sort: IssueSort, schema: IssueSchema, me: Int64?, limit: Int
    ) throws(BuildError) -> IssueStreamSQL {
        if !schema.has("sentry_groupedmessage") {
            // information_schema lists only what this role may read: absent, or not granted.
            throw .schema(
                "this role cannot read sentry_groupedmessage (GRANT SELECT ON the Sentry tables the README lists)")
        }
        if !schema.missingEssentials.isEmpty {
            throw .schema("sentry_groupedmessage lacks \(schema.missingEssentials.joined(separator: ", "))")
        }
        var params: [String?] = []
        func p(_ v: String) -> String {
            params.append(v)
            return "$\(params.count)"
        }
        // Positive assignee/inbox/bookmark terms are driven from their (small) table: at most `driveLimit`
        // issue ids, fetched once, then probed by primary key — never a scan of the issue index that finds
        // nothing. Negated terms keep the issue scan, since most issues match them.
        func drive(_ subquery: String) -> String {
            "g.id = ANY (ARRAY(\(subquery) LIMIT \(Self.driveLimit)))"
        }
        /// Membership in `subquery`'s ids: driven when positive, a plain IN (negated by the caller) otherwise.
        func member(_ subquery: String, negated: Bool) -> String { negated ? "g.id IN (\(subquery))" : drive(subquery) }
        let hasSub = schema.has("sentry_groupedmessage", "substatus")
        var inner: [String] = []
        var outer: [String] = []
        if !query.constrainsStatus { inner.append("g.status IN (0, 1, 2)") }
        for clause in query.clauses {
            let cond: String
            var residual = false
            switch clause.term {
            case .status(let s, let sub):
                if let sub, hasSub {
                    cond = "(g.status = \(p(String(s))) AND g.substatus = \(p(String(sub))))"
                } else {
                    cond = "g.status = \(p(String(s)))"
                }
            case .assigned(.none):
                cond = "NOT EXISTS (SELECT 1 FROM sentry_groupasignee a2 WHERE a2.group_id = g.id)"
            case .anyAssignee:
                cond =
                    clause.negated
                    ? "EXISTS (SELECT 1 FROM sentry_groupasignee a2 WHERE a2.group_id = g.id)"
                    : drive("SELECT a2.group_id FROM sentry_groupasignee a2 ORDER BY a2.date_added DESC")
            case .assigned(.me):
                guard let me else { throw .needsUser("assigned:me needs --as EMAIL") }
                let sub = "SELECT a2.group_id FROM sentry_groupasignee a2 WHERE a2.user_id = \(p(String(me)))::bigint"
                cond = member(sub, negated: clause.negated)
            case .assigned(.email(let e)):
                let sub =
                    "SELECT a2.group_id FROM sentry_groupasignee a2 WHERE a2.user_id IN (SELECT u2.id FROM auth_user u2 WHERE lower(u2.email) = \(p(e)))"
                cond = member(sub, negated: clause.negated)
            case .assigned(.team(let t)):
                let sub =
                    "SELECT a2.group_id FROM sentry_groupasignee a2 WHERE a2.team_id IN (SELECT t2.id FROM sentry_team t2 WHERE t2.slug = \(p(t)))"
                cond = member(sub, negated: clause.negated)
            case .forReview:
                guard schema.has("sentry_groupinbox") else { throw .schema("is:for_review needs sentry_groupinbox") }
                cond =
                    clause.negated
                    ? "EXISTS (SELECT 1 FROM sentry_groupinbox i2 WHERE i2.group_id = g.id)"
                    : drive("SELECT i2.group_id FROM sentry_groupinbox i2 ORDER BY i2.date_added DESC")
            case .bookmarked:
                let mine = me.map { " WHERE b2.user_id = \(p(String($0)))::bigint" } ?? ""
                cond = member("SELECT b2.group_id FROM sentry_groupbookmark b2\(mine)", negated: clause.negated)
            case .level(let l):
                cond = "g.level = \(p(String(l)))"
            case .project(let slug):
                cond = "g.project_id IN (SELECT id FROM sentry_project WHERE slug = \(p(slug)))"
            case .age(let secs, let within):
                cond =
                    "g.first_seen \(within ? ">=" : "<") now() - make_interval(secs => \(p(String(secs)))::double precision)"
            case .lastSeen(let secs, let within):
                cond =
                    "g.last_seen \(within ? ">=" : "<") now() - make_interval(secs => \(p(String(secs)))::double precision)"
            case .timesSeen(let op, let n):
                cond = "g.times_seen \(op.rawValue) \(p(String(n)))::int"
            case .text(let t):
                let pattern = "%" + t.replacingEscapes() + "%"
                let ph = p(pattern)
                cond = "(g.message ILIKE \(ph) OR coalesce(g.view, '') ILIKE \(ph))"
                residual = true
            }
            let full = clause.negated ? "NOT \(cond)" : cond
            if residual { outer.append(full) } else { inner.append(full) }
        }
        let key: String
        switch sort {
        case .lastSeen, .trending: key = "last_seen"
        case .timesSeen: key = "times_seen"
        case .firstSeen: key = "first_seen"
        }
        let window = outer.isEmpty ? nil : textWindow
        let innerLimit = p(String(window ?? limit))
        let outerLimit = p(String(limit))
        // Per-row lookups are LATERAL … LIMIT 1 so they stay index probes for the ≤ limit visible rows; a plain
        // join or EXISTS lets the planner hash (and so fully scan) assignee, inbox or bookmark tables.
        let bookmarkJoin =
            me.map {
                "LEFT JOIN LATERAL (SELECT true AS yes FROM sentry_groupbookmark b WHERE b.group_id = g.id AND b.user_id = \(p(String($0)))::bigint LIMIT 1) bm ON true"
            } ?? "LEFT JOIN LATERAL (SELECT NULL::boolean AS yes) bm ON true"
        let inboxJoin =
            schema.has("sentry_groupinbox")
            ? "LEFT JOIN LATERAL (SELECT true AS yes FROM sentry_groupinbox i WHERE i.group_id = g.id LIMIT 1) ib ON true"
            : "LEFT JOIN LATERAL (SELECT NULL::boolean AS yes) ib ON true"
        let priority = schema.has("sentry_groupedmessage", "priority") ? "g.priority" : "NULL::int"
        let substatus = hasSub ? "g.substatus" : "NULL::int"
        // The candidates carry every issue column the screen needs, so the issue table is read once, in index
        // order, and never joined back to itself (a self-join invites a hash join over the whole table).
        let sql = """
            WITH cand AS (
              SELECT g.id, g.project_id, g.short_id, g.level, g.message, g.view, g.status, \(substatus) AS substatus,
                     g.times_seen, g.first_seen, g.last_seen, \(priority) AS priority, g.\(key) AS k
              FROM sentry_groupedmessage g
              WHERE \(inner.isEmpty ? "true" : inner.joined(separator: "\n    AND "))
              ORDER BY g.\(key) DESC, g.id DESC LIMIT \(innerLimit)::int)
            SELECT g.id, g.project_id, coalesce(p.slug, ''), coalesce(o.slug, ''), g.short_id, g.level,
                   left(g.message, 300), left(coalesce(g.view, ''), 200), g.status, g.substatus, g.times_seen,
                   extract(epoch FROM g.first_seen), extract(epoch FROM g.last_seen),
                   a.user_id, coalesce(u.first_name, ''), coalesce(u.email, ''), a.team_id, coalesce(t.slug, ''),
                   coalesce(bm.yes, false), coalesce(ib.yes, false), g.priority
            FROM cand g
            LEFT JOIN sentry_project p ON p.id = g.project_id
            LEFT JOIN sentry_organization o ON o.id = p.organization_id
            LEFT JOIN LATERAL (SELECT a.user_id, a.team_id FROM sentry_groupasignee a WHERE a.group_id = g.id LIMIT 1) a ON true
            LEFT JOIN LATERAL (SELECT u.first_name, u.email FROM auth_user u WHERE u.id = a.user_id LIMIT 1) u ON true
            LEFT JOIN LATERAL (SELECT t.slug FROM sentry_team t WHERE t.id = a.team_id LIMIT 1) t ON true
            \(bookmarkJoin)
            \(inboxJoin)
            WHERE \(outer.isEmpty ? "true" : outer.joined(separator: " AND "))
            ORDER BY g.k DESC, g.id DESC LIMIT \(outerLimit)::int
            """
        return IssueStreamSQL(sql: sql, params: params, textWindow: window)
    }

    /// Decodes one result row (column order of `build`), sanitizing every string.
    static func row(_ r: [String?]) -> IssueRow? {
        func i(_ k: Int) -> Int64? { r[k].flatMap { Int64($0) } }
        func d(_ k: Int) -> Double { r[k].flatMap { Double($0) } ?? 0 }
        func s(_ k: Int, _ max: Int = 300) -> String { TextSanitizer.clean(r[k] ?? "", maxLength: max) }
        guard r.count >= 21, let id = i(0), let project = i(1), let status = i(8) else { return nil }
        let assignee: IssueAssignee
        if let uid = i(13) {
            assignee = .user(id: uid, name: s(14, 80), email: s(15, 120))
        } else if let tid = i(16) {
            assignee = .team(id: tid, slug: s(17, 100))
        } else {
            assignee = .none
        }
        return IssueRow(
            id: id, projectId: project, projectSlug: s(2, 100), organizationSlug: s(3, 100), shortId: i(4),
            level: Int(i(5) ?? 40), title: s(6), culprit: s(7, 200),
            status: IssueStatus(status: Int(status), substatus: i(9).map { Int($0) }), timesSeen: i(10) ?? 0,
            firstSeen: d(11), lastSeen: d(12), assignee: assignee, bookmarked: r[18] == "t", inInbox: r[19] == "t",
            priority: i(20).map { Int($0) })
    }
}

extension String {
    /// Escapes LIKE metacharacters so user text matches literally (default escape character `\`).
    fileprivate func replacingEscapes() -> String {
        var out = ""
        for c in self {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
