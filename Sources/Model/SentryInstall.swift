/// What the database says about the Sentry install, read once per connection from the catalog.
public struct SentryInstall: Sendable, Equatable, Codable {
    /// `sentry_groupedmessage` exists.
    public var hasIssues: Bool
    /// `nodestore_node` exists (events stored in Postgres).
    public var hasNodestore: Bool
    /// `sentry_incident` exists (metric alerts).
    public var hasIncidents = false
    /// Highest applied migration of the `sentry` app (e.g. "0987_…"), if `django_migrations` is readable.
    public var latestMigration: String?
    /// Sentry tables that exist but this role may not SELECT (nil: none); what needs them says so.
    public var deniedTables: [String]?

    public init(hasIssues: Bool, hasNodestore: Bool, latestMigration: String?) {
        self.hasIssues = hasIssues
        self.hasNodestore = hasNodestore
        self.latestMigration = latestMigration
    }

    /// The first sentry migration number of a release that runs tasks on taskbroker/Kafka (25.10).
    /// Inferred from migration dates (see DECISIONS.md); overridable with `--taskbroker-migration`.
    public static let defaultTaskbrokerMigration = 980

    /// Numeric prefix of `latestMigration`.
    public var migrationNumber: Int? {
        guard let m = latestMigration else { return nil }
        return Int(m.prefix { $0.isNumber })
    }

    /// True when the schema is at or past the release that removed Celery; nil when unknown.
    public func tasksOnTaskbroker(threshold: Int = defaultTaskbrokerMigration) -> Bool? {
        guard let n = migrationNumber else { return nil }
        return n >= threshold
    }
}
