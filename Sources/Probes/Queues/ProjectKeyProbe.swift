import Model

/// A project's client keys and rate limits (read-only; never the secret key), by the project id index.
enum ProjectKeyProbe {
    static let projectSQL = """
        SELECT o.slug, p.slug FROM sentry_project p JOIN sentry_organization o ON o.id = p.organization_id
        WHERE p.id = $1
        """
    static let keysSQL = """
        SELECT coalesce(label, ''), public_key, status, rate_limit_count, rate_limit_window FROM sentry_projectkey
        WHERE project_id = $1 ORDER BY id LIMIT 20
        """

    static func keys(_ conn: PostgresConnection, projectId: Int64) throws(ProbeError) -> ProjectKeys {
        guard let p = try conn.query(projectSQL, [String(projectId)]).first, let org = p[0], let slug = p[1] else {
            throw ProbeError(.server, "project \(projectId) not found")
        }
        var out = ProjectKeys(
            projectId: projectId, organizationSlug: TextSanitizer.clean(org, maxLength: 100),
            projectSlug: TextSanitizer.clean(slug, maxLength: 100), keys: [])
        let exists = try conn.query("SELECT to_regclass('sentry_projectkey') IS NOT NULL", []).first?[0] == "t"
        guard exists else { return out }
        for r in try conn.query(keysSQL, [String(projectId)]) {
            out.keys.append(
                ProjectKeys.Key(
                    label: TextSanitizer.clean(r[0] ?? "", maxLength: 64),
                    publicKey: TextSanitizer.clean(r[1] ?? "", maxLength: 32), active: r[2] == "0",
                    rateLimitCount: r[3].flatMap { Int($0) }, rateLimitWindow: r[4].flatMap { Int($0) }))
        }
        return out
    }
}
