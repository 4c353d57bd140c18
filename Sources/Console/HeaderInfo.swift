import Model

/// Static facts for the header bar: what the console is connected to and in which mode.
public struct HeaderInfo: Equatable, Sendable {
    public var postgresTarget: String
    public var redisTarget: String
    public var writeMode: Bool
    /// Seconds east of UTC for the clock and "since" times.
    public var utcOffset: Int
    /// Base URL of the Sentry web UI (issue links); empty when unknown.
    public var sentryURL: String = ""
    /// The acting Sentry user in write mode.
    public var actor: String = ""
    /// The pidbox request serializer when `--inspect-workers` is on; nil when active inspection is off.
    public var workerInspection: String?
    /// Showing recorded data (a replay, or the live console's own past): the badge says REPLAY, and nothing
    /// that would touch a server is offered.
    public var replay = false
    /// The named install (`--context`), shown as a badge in `contextRole` on every screen and in confirmations.
    public var context: String = ""
    public var contextRole: Role = .headerBadge
    /// Every named install of the config file (`:` switches among them), and the one in use.
    public var contexts: [String] = []
    public var contextName: String = ""
    /// The named installs whose policy refuses writes (a write-mode console does not switch to them).
    public var readOnlyContexts: Set<String> = []

    public init(postgresTarget: String, redisTarget: String, writeMode: Bool = false, utcOffset: Int = 0) {
        self.postgresTarget = postgresTarget
        self.redisTarget = redisTarget
        self.writeMode = writeMode
        self.utcOffset = utcOffset
    }
}

extension HeaderInfo {
    /// The issue's page in Sentry's web UI (`/organizations/<org>/issues/<id>/`), nil without a base URL or org.
    public func issueURL(_ row: IssueRow) -> String? {
        guard !sentryURL.isEmpty, !row.organizationSlug.isEmpty else { return nil }
        var base = sentryURL
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/organizations/\(row.organizationSlug)/issues/\(row.id)/"
    }
}
