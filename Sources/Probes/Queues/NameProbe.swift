import Model

/// Slugs and short ids for queue-breakdown ids: two primary-key lookups (`= ANY($1)`, at most 100 ids
/// each), parameterized, index-backed. Strings are sanitized.
enum NameProbe {
    static let projectsSQL = "SELECT id, slug FROM sentry_project WHERE id = ANY($1::bigint[])"
    static let issuesSQL = """
        SELECT g.id, p.slug, g.short_id FROM sentry_groupedmessage g JOIN sentry_project p ON p.id = g.project_id
        WHERE g.id = ANY($1::bigint[])
        """

    static func names(_ conn: PostgresConnection, projects: [Int64], issues: [Int64]) throws(ProbeError) -> EntityNames
    {
        var out = EntityNames()
        let array = { (ids: [Int64]) in "{" + ids.prefix(100).map(String.init).joined(separator: ",") + "}" }
        if !projects.isEmpty {
            for r in try conn.query(projectsSQL, [array(projects)]) {
                guard let id = r[0].flatMap({ Int64($0) }), let slug = r[1] else { continue }
                out.projects[id] = TextSanitizer.clean(slug, maxLength: 100)
            }
        }
        if !issues.isEmpty {
            for r in try conn.query(issuesSQL, [array(issues)]) {
                guard let id = r[0].flatMap({ Int64($0) }) else { continue }
                let slug = r[1].map { TextSanitizer.clean($0, maxLength: 100) }
                out.issues[id] = ShortId.display(slug: slug, shortId: r[2].flatMap { Int64($0) }) ?? "issue \(id)"
            }
        }
        return out
    }
}
