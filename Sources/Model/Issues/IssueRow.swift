/// Who an issue is assigned to (`sentry_groupasignee`: exactly one of user or team).
public enum IssueAssignee: Equatable, Hashable, Sendable, Codable {
    case none
    case user(id: Int64, name: String, email: String)
    case team(id: Int64, slug: String)

    /// Short label for a list column: the user's name (or email), `#team`, or empty.
    public var label: String {
        switch self {
        case .none: return ""
        case .user(_, let name, let email): return name.isEmpty ? email : name
        case .team(_, let slug): return "#\(slug)"
        }
    }
}

/// One issue of the stream as read from `sentry_groupedmessage` and its joins; strings are already sanitized.
/// Times are epoch seconds (server clock). `status` is what was displayed — the triage writer's expected state.
public struct IssueRow: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var projectId: Int64
    public var projectSlug: String
    public var organizationSlug: String
    public var shortId: Int64?
    public var level: Int
    public var title: String
    public var culprit: String
    public var status: IssueStatus
    public var timesSeen: Int64
    /// Increments still in Sentry's Redis buffer (`i+times_seen`), when readable.
    public var pendingTimesSeen: Int64?
    public var firstSeen: Double
    public var lastSeen: Double
    public var assignee: IssueAssignee
    public var bookmarked: Bool
    public var inInbox: Bool
    public var priority: Int?

    public init(
        id: Int64, projectId: Int64, projectSlug: String, organizationSlug: String = "", shortId: Int64?, level: Int,
        title: String, culprit: String, status: IssueStatus, timesSeen: Int64, firstSeen: Double, lastSeen: Double,
        assignee: IssueAssignee = .none, bookmarked: Bool = false, inInbox: Bool = false, priority: Int? = nil
    ) {
        self.id = id
        self.projectId = projectId
        self.projectSlug = projectSlug
        self.organizationSlug = organizationSlug
        self.shortId = shortId
        self.level = level
        self.title = title
        self.culprit = culprit
        self.status = status
        self.timesSeen = timesSeen
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.assignee = assignee
        self.bookmarked = bookmarked
        self.inInbox = inInbox
        self.priority = priority
    }

    /// `API-1A`, or `#<id>` for rows without a short id.
    public var displayId: String { ShortId.display(slug: projectSlug, shortId: shortId) ?? "#\(id)" }

    /// Times seen including the pending buffer increments.
    public var liveTimesSeen: Int64 { timesSeen + (pendingTimesSeen ?? 0) }
}
