import Model

/// One queue's breakdown as `snapshot --json` prints it (README, "snapshot --json"): counts over the sample
/// (both ends), ids joined with slugs and short ids where Postgres knew them.
struct BreakdownJSON: Encodable {
    struct Project: Encodable {
        var projectId: Int64
        var slug: String?
        var count: Int
    }
    struct TaskCount: Encodable {
        var task: String
        var count: Int
    }
    struct Issue: Encodable {
        var groupId: Int64
        var shortId: String?
        var count: Int
    }

    var depth: Int
    var sampled: Int
    var sampledOldest: Int
    var sampledNewest: Int
    /// ± half-width of a 95 % interval for a share, in percent (the widest, at 50 %).
    var marginPercent: Double
    var byProject: [Project]
    var byTask: [TaskCount]
    var byIssue: [Issue]
    var oldestAgeSeconds: Double?
    var undecodable: Int
    var objects: Int

    init(_ b: QueueBreakdown, names: EntityNames, now: Double) {
        depth = b.depth
        sampled = b.all.count
        sampledOldest = b.oldest.count
        sampledNewest = b.newest.count
        marginPercent = (b.margin() * 1000).rounded() / 10
        byProject = MessageTally.ranked(b.all.byProject, limit: 20).map {
            Project(projectId: $0.key, slug: names.projects[$0.key], count: $0.count)
        }
        byTask = MessageTally.ranked(b.all.byTask, limit: 20).map { TaskCount(task: $0.key, count: $0.count) }
        byIssue = MessageTally.ranked(b.all.byIssue, limit: 20).map {
            Issue(groupId: $0.key, shortId: names.issues[$0.key], count: $0.count)
        }
        oldestAgeSeconds = b.oldestAge(now: now)
        undecodable = b.all.undecodable
        objects = b.all.objects
    }
}
