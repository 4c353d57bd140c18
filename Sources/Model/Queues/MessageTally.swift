/// Counts over a set of sampled messages: by project, task and issue, the unreadable ones, and the
/// earliest `start_time` seen. Pure value; `add` is the only mutation.
public struct MessageTally: Sendable, Equatable, Codable {
    public var count = 0
    public var byProject: [Int64: Int] = [:]
    public var byTask: [String: Int] = [:]
    public var byIssue: [Int64: Int] = [:]
    /// Messages that would build Python objects (counted, never evaluated).
    public var objects = 0
    /// Messages that could not be read at all.
    public var undecodable = 0
    /// Messages read but carrying no project (other tasks, or kwargs without one).
    public var withoutProject = 0
    public var earliestStart: Double?

    public init() {}

    public mutating func add(_ m: SampledMessage) {
        count += 1
        switch m.readability {
        case .object: objects += 1
        case .undecodable: undecodable += 1
        case .decoded:
            if let t = m.task { byTask[t, default: 0] += 1 }
            if let p = m.projectId { byProject[p, default: 0] += 1 } else { withoutProject += 1 }
            if let g = m.groupId { byIssue[g, default: 0] += 1 }
            if let s = m.startTime, s.isFinite, s > 0 { earliestStart = min(earliestStart ?? s, s) }
        }
    }

    /// The largest key and its share of `count` (nil when empty).
    public static func top<K: Comparable>(_ d: [K: Int], of count: Int) -> (key: K, count: Int, share: Double)? {
        guard count > 0, let best = d.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return nil }
        return (best.key, best.value, Double(best.value) / Double(count))
    }

    /// Keys by count, largest first (ties by key), at most `limit`.
    public static func ranked<K: Comparable>(_ d: [K: Int], limit: Int = 10) -> [(key: K, count: Int)] {
        d.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map {
            ($0.key, $0.value)
        }
    }
}
