/// What one queued Celery message says about itself, read without executing anything: the task name and
/// Sentry's attribution kwargs (`project_id`, else the project in `cache_key` `e:{event_id}:{project_id}`;
/// `group_id` of post_process tasks; `start_time`, when Relay received the event). A message that would build
/// Python objects is `.object`, one that cannot be read is `.undecodable`; neither is ever evaluated.
public struct SampledMessage: Sendable, Equatable {
    public enum Readability: String, Sendable, Equatable, Codable {
        case decoded
        /// A pickle that imports or calls (GLOBAL, REDUCE, BUILD …): counted, never evaluated.
        case object
        /// Not a kombu envelope, a serializer we do not read, truncated, too large or too deep.
        case undecodable
    }

    public var readability: Readability
    /// Sanitized task name (nil when unknown).
    public var task: String?
    public var projectId: Int64?
    public var groupId: Int64?
    /// Unix seconds when the event entered Sentry (`kwargs.start_time`).
    public var startTime: Double?

    public init(
        _ readability: Readability = .decoded, task: String? = nil, projectId: Int64? = nil, groupId: Int64? = nil,
        startTime: Double? = nil
    ) {
        self.readability = readability
        self.task = task
        self.projectId = projectId
        self.groupId = groupId
        self.startTime = startTime
    }

    /// The project id in a Sentry event cache key `e:{event_id}:{project_id}` (nil for any other shape).
    public static func project(fromCacheKey key: String) -> Int64? {
        let parts = key.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "e", !parts[1].isEmpty else { return nil }
        return Int64(parts[2]).flatMap { $0 > 0 ? $0 : nil }
    }
}
