/// JSON of an issue row (`issues --json`, recordings): `shortId` is the id people search for and copy
/// (`"IOS-EB"`, or `"#<id>"` without one), `shortIdNumber` the number behind it; every other field as named.
extension IssueRow: Codable {
    enum CodingKeys: String, CodingKey {
        case id, projectId, projectSlug, organizationSlug, shortId, shortIdNumber, level, title, culprit, status
        case timesSeen, pendingTimesSeen, firstSeen, lastSeen, assignee, bookmarked, inInbox, priority
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(projectId, forKey: .projectId)
        try c.encode(projectSlug, forKey: .projectSlug)
        try c.encode(organizationSlug, forKey: .organizationSlug)
        try c.encode(displayId, forKey: .shortId)
        try c.encode(shortId, forKey: .shortIdNumber)
        try c.encode(level, forKey: .level)
        try c.encode(title, forKey: .title)
        try c.encode(culprit, forKey: .culprit)
        try c.encode(status, forKey: .status)
        try c.encode(timesSeen, forKey: .timesSeen)
        try c.encodeIfPresent(pendingTimesSeen, forKey: .pendingTimesSeen)
        try c.encode(firstSeen, forKey: .firstSeen)
        try c.encode(lastSeen, forKey: .lastSeen)
        try c.encode(assignee, forKey: .assignee)
        try c.encode(bookmarked, forKey: .bookmarked)
        try c.encode(inInbox, forKey: .inInbox)
        try c.encodeIfPresent(priority, forKey: .priority)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(Int64.self, forKey: .id), projectId: try c.decode(Int64.self, forKey: .projectId),
            projectSlug: try c.decode(String.self, forKey: .projectSlug),
            organizationSlug: try c.decodeIfPresent(String.self, forKey: .organizationSlug) ?? "",
            shortId: try c.decodeIfPresent(Int64.self, forKey: .shortIdNumber),
            level: try c.decode(Int.self, forKey: .level), title: try c.decode(String.self, forKey: .title),
            culprit: try c.decode(String.self, forKey: .culprit),
            status: try c.decode(IssueStatus.self, forKey: .status),
            timesSeen: try c.decode(Int64.self, forKey: .timesSeen),
            firstSeen: try c.decode(Double.self, forKey: .firstSeen),
            lastSeen: try c.decode(Double.self, forKey: .lastSeen),
            assignee: try c.decodeIfPresent(IssueAssignee.self, forKey: .assignee) ?? .none,
            bookmarked: try c.decodeIfPresent(Bool.self, forKey: .bookmarked) ?? false,
            inInbox: try c.decodeIfPresent(Bool.self, forKey: .inInbox) ?? false,
            priority: try c.decodeIfPresent(Int.self, forKey: .priority))
        pendingTimesSeen = try c.decodeIfPresent(Int64.self, forKey: .pendingTimesSeen)
    }
}
