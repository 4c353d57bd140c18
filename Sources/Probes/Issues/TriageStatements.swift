import Foundation
import Model

/// The statements of one triage action on one issue, run inside the caller's transaction. Returns `.applied`
/// only when everything was written; any other outcome means the caller rolls back.
struct TriageStatements {
    let conn: PostgresConnection
    let schema: IssueSchema
    let actor: SentryUser

    /// The row as locked at the start of the transaction.
    struct Locked {
        var status: IssueStatus
        var projectId: String
        var organizationId: String
        var timesSeen: String
        var youngerThanAWeek: Bool
        var now: Double
    }

    static let lockSQL = """
        SELECT g.status, g.substatus, g.project_id, p.organization_id, g.times_seen,
               g.first_seen > now() - interval '7 days', extract(epoch FROM now())
        FROM sentry_groupedmessage g JOIN sentry_project p ON p.id = g.project_id
        WHERE g.id = $1::bigint FOR UPDATE OF g
        """

    func apply(_ action: TriageAction, to target: TriageTarget) throws(ProbeError) -> TriageOutcome {
        let id = String(target.id)
        guard let r = try conn.query(Self.lockSQL, [id]).first, let st = r[0].flatMap(Int.init) else {
            return .skipped("no longer exists")
        }
        let row = Locked(
            status: IssueStatus(status: st, substatus: r[1].flatMap(Int.init)), projectId: r[2] ?? "0",
            organizationId: r[3] ?? "0", timesSeen: r[4] ?? "0", youngerThanAWeek: r[5] == "t",
            now: r[6].flatMap(Double.init) ?? Date().timeIntervalSince1970)
        guard row.status == target.expected else {
            return .skipped("changed to \(row.status.name) since it was displayed")
        }
        switch action {
        case .resolve:
            guard row.status.status != IssueStatus.resolved else { return .skipped("already resolved") }
            try setStatus(id, IssueStatus.resolved, substatus: nil, resolvedAt: true)
            try removeFromInbox(id)
            try activity(id, row, type: .setResolved, data: "{}")
            try history(id, row, status: .resolved)
        case .archive(let mode):
            let substatus: Int
            var data: [String: Any] = [
                "ignoreCount": NSNull(), "ignoreDuration": NSNull(), "ignoreUntil": NSNull(),
                "ignoreUserCount": NSNull(),
                "ignoreUserWindow": NSNull(), "ignoreWindow": NSNull(), "ignoreUntilEscalating": false,
            ]
            let historyStatus: GroupHistoryStatus
            switch mode {
            case .forever: (substatus, historyStatus) = (IssueStatus.Sub.forever, .archivedForever)
            case .untilEscalating:
                (substatus, historyStatus) = (IssueStatus.Sub.untilEscalating, .archivedUntilEscalating)
                data["ignoreUntilEscalating"] = true
            case .forMinutes(let m):
                (substatus, historyStatus) = (IssueStatus.Sub.untilConditionMet, .archivedUntilConditionMet)
                data["ignoreDuration"] = m
                data["ignoreUntil"] = Self.iso(row.now + Double(m * 60))
            case .untilEvents(let n):
                (substatus, historyStatus) = (IssueStatus.Sub.untilConditionMet, .archivedUntilConditionMet)
                data["ignoreCount"] = n
            }
            try setStatus(id, IssueStatus.ignored, substatus: substatus)
            try deleteFrom("sentry_groupresolution", id)
            try removeFromInbox(id)
            try snooze(id, row, mode)
            try activity(id, row, type: .setIgnored, data: Self.json(data))
            try history(id, row, status: historyStatus)
        case .unresolve:
            guard row.status.status != IssueStatus.unresolved else { return .skipped("already unresolved") }
            let fromArchived = row.status.status == IssueStatus.ignored
            let substatus = fromArchived && row.youngerThanAWeek ? IssueStatus.Sub.new : IssueStatus.Sub.ongoing
            try setStatus(id, IssueStatus.unresolved, substatus: substatus)
            try deleteFrom("sentry_groupresolution", id)
            if fromArchived { try deleteFrom("sentry_groupsnooze", id) }
            try activity(id, row, type: .setUnresolved, data: "{}")
            try history(id, row, status: fromArchived ? .unignored : .unresolved)
        case .assign(let target):
            guard let (userId, teamId, data) = try assignee(target, row) else {
                return .failed("no such \(target.isTeam ? "team in this organization" : "active user"): \(target.name)")
            }
            let set = "user_id = $2::bigint, team_id = $3::bigint, date_added = now()"
            let updated = try conn.query(
                "UPDATE sentry_groupasignee SET \(set) WHERE group_id = $1::bigint RETURNING id", [id, userId, teamId])
            if updated.isEmpty {
                try exec(
                    """
                    INSERT INTO sentry_groupasignee (project_id, group_id, user_id, team_id, date_added)
                    VALUES ($4::bigint, $1::bigint, $2::bigint, $3::bigint, now())
                    """, [id, userId, teamId, row.projectId])
            }
            try activity(id, row, type: .assigned, data: data)
            try history(id, row, status: .assigned)
        case .unassign:
            let deleted = try conn.query(
                "DELETE FROM sentry_groupasignee WHERE group_id = $1::bigint RETURNING id", [id])
            guard !deleted.isEmpty else { return .skipped("was not assigned") }
            try activity(id, row, type: .unassigned, data: "{}")
            try history(id, row, status: .unassigned)
        case .bookmark:
            try exec(
                """
                INSERT INTO sentry_groupbookmark (project_id, group_id, user_id, date_added)
                VALUES ($2::bigint, $1::bigint, $3::bigint, now()) ON CONFLICT DO NOTHING
                """, [id, row.projectId, String(actor.id)])
        case .unbookmark:
            try exec(
                "DELETE FROM sentry_groupbookmark WHERE group_id = $1::bigint AND user_id = $2::bigint",
                [id, String(actor.id)])
        case .markReviewed:
            guard schema.has("sentry_groupinbox") else { return .skipped("this install has no inbox") }
            let deleted = try conn.query("DELETE FROM sentry_groupinbox WHERE group_id = $1::bigint RETURNING id", [id])
            guard !deleted.isEmpty else { return .skipped("not in For Review") }
            try activity(id, row, type: .markReviewed, data: "{}")
            try history(id, row, status: .reviewed)
        }
        return .applied
    }

    /// Sets status and substatus (NULL for nil) — substatus only where the install has the column — and
    /// `resolved_at = now()` on resolve (it is never cleared, as Sentry leaves it).
    private func setStatus(_ id: String, _ status: Int, substatus: Int?, resolvedAt: Bool = false) throws(ProbeError) {
        var sets = ["status = $2::int"]
        var params: [String?] = [id, String(status)]
        if schema.has("sentry_groupedmessage", "substatus") {
            sets.append("substatus = $3::int")
            params.append(substatus.map(String.init))
        }
        if resolvedAt { sets.append("resolved_at = now()") }
        try exec("UPDATE sentry_groupedmessage SET \(sets.joined(separator: ", ")) WHERE id = $1::bigint", params)
    }

    private func exec(_ sql: String, _ params: [String?]) throws(ProbeError) { _ = try conn.query(sql, params) }

    private func deleteFrom(_ table: String, _ id: String) throws(ProbeError) {
        guard schema.has(table) else { return }
        try exec("DELETE FROM \(table) WHERE group_id = $1::bigint", [id])
    }

    private func removeFromInbox(_ id: String) throws(ProbeError) { try deleteFrom("sentry_groupinbox", id) }

    private func activity(_ id: String, _ row: Locked, type: ActivityType, data: String) throws(ProbeError) {
        guard schema.has("sentry_activity") else { return }
        try exec(
            """
            INSERT INTO sentry_activity (project_id, group_id, type, ident, user_id, datetime, data)
            VALUES ($1::bigint, $2::bigint, $3::int, NULL, $4::bigint, now(), $5)
            """, [row.projectId, id, String(type.rawValue), String(actor.id), data])
    }

    /// A `sentry_grouphistory` row linked to the previous one, attributed to the actor where the column exists.
    private func history(_ id: String, _ row: Locked, status: GroupHistoryStatus) throws(ProbeError) {
        guard schema.has("sentry_grouphistory") else { return }
        let withUser = schema.has("sentry_grouphistory", "user_id")
        try exec(
            """
            INSERT INTO sentry_grouphistory (organization_id, group_id, project_id, status, prev_history_id,
                                             prev_history_date, date_added\(withUser ? ", user_id" : ""))
            SELECT $1::bigint, $2::bigint, $3::bigint, $4::int, prev.id, prev.date_added, now()\(withUser ? ", $5::bigint" : "")
            FROM (SELECT 1) one LEFT JOIN LATERAL (
                SELECT id, date_added FROM sentry_grouphistory WHERE group_id = $2::bigint
                ORDER BY date_added DESC, id DESC LIMIT 1) prev ON true
            """,
            [row.organizationId, id, row.projectId, String(status.rawValue)] + (withUser ? [String(actor.id)] : []))
    }

    private func snooze(_ id: String, _ row: Locked, _ mode: TriageAction.ArchiveMode) throws(ProbeError) {
        guard schema.has("sentry_groupsnooze") else { return }
        try deleteFrom("sentry_groupsnooze", id)
        switch mode {
        case .forever, .untilEscalating: return
        case .forMinutes(let m):
            try exec(
                """
                INSERT INTO sentry_groupsnooze (group_id, until, actor_id) VALUES ($1::bigint, now() + make_interval(mins => $2::int), $3::int)
                """, [id, String(m), String(actor.id)])
        case .untilEvents(let n):
            try exec(
                """
                INSERT INTO sentry_groupsnooze (group_id, count, state, actor_id) VALUES ($1::bigint, $2::int, $3, $4::int)
                """, [id, String(n), "{\"times_seen\": \(row.timesSeen)}", String(actor.id)])
        }
    }

    /// (user id, team id, activity data) for an assignment target, nil when it does not resolve.
    private func assignee(_ target: TriageAction.AssignTarget, _ row: Locked) throws(ProbeError) -> (
        String?, String?, String
    )? {
        switch target {
        case .user(let email):
            guard let u = try IssueProbe.user(conn, email) else { return nil }
            return (
                String(u.id), nil,
                Self.json(["assignee": String(u.id), "assigneeEmail": u.email, "assigneeType": "user"])
            )
        case .team(let slug):
            guard
                let t = try conn.query(
                    "SELECT id FROM sentry_team WHERE organization_id = $1::bigint AND slug = $2 AND status = 0",
                    [row.organizationId, slug]
                ).first?.first ?? nil
            else { return nil }
            return (nil, t, Self.json(["assignee": t, "assigneeEmail": NSNull(), "assigneeType": "team"]))
        }
    }

    static func json(_ object: [String: Any]) -> String {
        guard let d = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: d, as: UTF8.self)
    }

    static func iso(_ epoch: Double) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: Date(timeIntervalSince1970: epoch))
    }
}

extension TriageAction.AssignTarget {
    var isTeam: Bool { if case .team = self { return true } else { return false } }
    var name: String {
        switch self {
        case .user(let e): return e
        case .team(let t): return "#\(t)"
        }
    }
}
