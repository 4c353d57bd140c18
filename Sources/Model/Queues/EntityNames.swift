/// Project slugs and issue short ids (`WEB-1E`) for the ids a queue breakdown carries, read from Postgres by
/// primary key. Strings are sanitized by the probe. Bounded: at most `limit` entries each (oldest ids dropped
/// first), so a long-running console does not grow without end.
public struct EntityNames: Sendable, Equatable, Codable {
    public var projects: [Int64: String] = [:]
    public var issues: [Int64: String] = [:]
    public static let limit = 5000

    public init(projects: [Int64: String] = [:], issues: [Int64: String] = [:]) {
        self.projects = projects
        self.issues = issues
    }

    public mutating func merge(_ other: EntityNames) {
        projects.merge(other.projects) { $1 }
        issues.merge(other.issues) { $1 }
        if projects.count > Self.limit {
            projects = Dictionary(
                uniqueKeysWithValues: projects.sorted { $0.key > $1.key }.prefix(Self.limit).map { ($0.key, $0.value) })
        }
        if issues.count > Self.limit {
            issues = Dictionary(
                uniqueKeysWithValues: issues.sorted { $0.key > $1.key }.prefix(Self.limit).map { ($0.key, $0.value) })
        }
    }

    /// "slug" or "project 12" when the slug is not known (yet).
    public func project(_ id: Int64) -> String { projects[id] ?? "project \(id)" }

    /// "WEB-1E" or "issue 4711".
    public func issue(_ id: Int64) -> String { issues[id] ?? "issue \(id)" }

    /// The ids among `breakdowns` that have no name yet (at most 100 of each, for one bounded query).
    public func missing(in breakdowns: [QueueBreakdown]) -> (projects: [Int64], issues: [Int64]) {
        var p = Set<Int64>()
        var g = Set<Int64>()
        for b in breakdowns {
            for id in b.all.byProject.keys where projects[id] == nil { p.insert(id) }
            for id in b.all.byIssue.keys where issues[id] == nil { g.insert(id) }
        }
        return (Array(p.sorted().prefix(100)), Array(g.sorted().prefix(100)))
    }
}
