/// Everything the detail view shows about one issue beyond its row: recent activity and, when the event is
/// still in Postgres (`nodestore_node`), a summary of the latest event. Strings are sanitized.
public struct IssueDetail: Equatable, Sendable {
    public struct ActivityEntry: Equatable, Sendable {
        public var time: Double
        public var type: Int
        public var user: String
        public var data: String
        public init(time: Double, type: Int, user: String, data: String) {
            self.time = time
            self.type = type
            self.user = user
            self.data = data
        }

        /// Sentry's ActivityType name (docs/reference/sentry-schema.md §3.5).
        public var typeName: String {
            let names = [
                1: "resolved", 2: "unresolved", 3: "archived", 4: "made public", 5: "made private", 6: "regression",
                7: "issue created", 8: "note", 9: "first seen", 10: "release", 11: "assigned", 12: "unassigned",
                13: "resolved in release", 14: "merged", 15: "resolved by age", 16: "resolved in commit", 17: "deploy",
                18: "processing issues", 19: "unmerged (source)", 20: "unmerged (destination)", 21: "resolved in PR",
                22: "reprocessed", 23: "reviewed", 24: "auto ongoing", 25: "escalating", 26: "priority",
                27: "attachment deleted", 28: "referenced in commit",
            ]
            return names[type] ?? "activity \(type)"
        }
    }

    /// The latest event's essentials, decoded from base64(zlib(JSON)); never from pickle.
    public struct EventSummary: Equatable, Sendable {
        public var eventId: String
        public var time: Double
        public var exceptionType: String
        public var exceptionValue: String
        /// Innermost last, as `function (file:line)`.
        public var frames: [String]
        public var tags: [(String, String)]

        public init(
            eventId: String, time: Double, exceptionType: String, exceptionValue: String, frames: [String],
            tags: [(String, String)]
        ) {
            self.eventId = eventId
            self.time = time
            self.exceptionType = exceptionType
            self.exceptionValue = exceptionValue
            self.frames = frames
            self.tags = tags
        }

        public static func == (a: Self, b: Self) -> Bool {
            a.eventId == b.eventId && a.time == b.time && a.exceptionType == b.exceptionType
                && a.exceptionValue == b.exceptionValue && a.frames == b.frames
                && a.tags.map { [$0.0, $0.1] } == b.tags.map { [$0.0, $0.1] }
        }
    }

    /// Why there is no event summary (e.g. "not in Postgres (nodestore elsewhere or cleaned up)").
    public enum EventState: Equatable, Sendable {
        case found(EventSummary)
        case unavailable(String)
    }

    public var issueId: Int64
    public var activity: [ActivityEntry]
    public var event: EventState
    public var takenAt: Double

    public init(issueId: Int64, activity: [ActivityEntry], event: EventState, takenAt: Double) {
        self.issueId = issueId
        self.activity = activity
        self.event = event
        self.takenAt = takenAt
    }
}
