import Foundation

/// A bounded look inside one queue: the oldest messages (the tail, what is stuck) and the newest (the head,
/// what is arriving), tallied by project, task and issue. Invariants: `all` counts each sampled message once
/// (the ends overlap only when the list is shorter than both ends together); estimates scale a share by
/// `depth`; the margin is a 95 % interval for a share, with the finite-population correction. The two ends
/// are not a random sample of the middle: the breakdown says what is stuck and what arrives, not everything.
public struct QueueBreakdown: Sendable, Equatable, Codable {
    public var queue: String
    public var takenAt: Double
    /// Σ LLEN of the queue's lists when it was sampled.
    public var depth: Int
    public var oldest: MessageTally
    public var newest: MessageTally
    public var all: MessageTally

    public init(
        queue: String, takenAt: Double, depth: Int, oldest: MessageTally, newest: MessageTally, all: MessageTally
    ) {
        self.queue = queue
        self.takenAt = takenAt
        self.depth = depth
        self.oldest = oldest
        self.newest = newest
        self.all = all
    }

    /// ± half-width (0…1) of a 95 % interval for a share near `share` (0.5: the widest) from this sample.
    public func margin(share: Double = 0.5) -> Double {
        let n = Double(all.count)
        let big = Double(max(depth, all.count))
        guard n > 0 else { return 1 }
        guard big > n else { return 0 }
        let fpc = ((big - n) / max(1, big - 1)).squareRoot()
        return 1.96 * (share * (1 - share) / n).squareRoot() * fpc
    }

    /// Messages of the whole queue a count in the sample stands for.
    public func estimate(_ sampled: Int) -> Int {
        guard all.count > 0 else { return 0 }
        return Int((Double(sampled) / Double(all.count) * Double(max(depth, all.count))).rounded())
    }

    /// Seconds since the earliest `start_time` at the oldest end (nil when no message carries one).
    public func oldestAge(now: Double) -> Double? { oldest.earliestStart.map { max(0, now - $0) } }

    /// The project with the largest share of the whole sample.
    public var topProject: (id: Int64, count: Int, share: Double)? {
        MessageTally.top(all.byProject, of: all.count).map { ($0.key, $0.count, $0.share) }
    }

    /// The issue with the largest share of the whole sample.
    public var topIssue: (id: Int64, count: Int, share: Double)? {
        MessageTally.top(all.byIssue, of: all.count).map { ($0.key, $0.count, $0.share) }
    }

    /// "sample 200 of 41,200, ±7 %".
    public var sampleText: String {
        "sample \(Format.count(all.count)) of \(Format.count(max(depth, all.count))), ±\(Format.percent(margin()))"
    }
}
