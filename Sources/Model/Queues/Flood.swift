/// One project (or issue) dominating a growing backlog, from the queue's latest breakdown. The rule and the
/// Overview line share this one judgement.
public struct Flood: Sendable, Equatable {
    public var queue: String
    public var project: String
    public var projectId: Int64
    public var share: Double
    /// Messages of the whole queue the share stands for (share × depth).
    public var estimate: Int
    /// The top issue's short id when the queue's messages carry `group_id` (post_process tasks).
    public var issue: String?
    public var sampleText: String
}

extension ConsoleState {
    /// Breakdowns older than this are not judged (the queue was not sampled recently).
    public static let floodBreakdownMaxAge: Double = 60
    /// Fewer sampled messages than this say nothing about shares.
    public static let floodMinSample = 20

    /// Growing queues whose latest breakdown has one project at ≥ `thresholds.floodShare` of the sample,
    /// deepest first. A flood whose messages carry no issue (save_event) borrows the top issue of the same
    /// project's flood in a queue whose messages do (post_process), so one line can name both.
    public func floods(now: Double) -> [Flood] {
        var list = judgedFloods(now: now)
        for i in list.indices where list[i].issue == nil {
            list[i].issue = list.first { $0.projectId == list[i].projectId && $0.issue != nil }?.issue
        }
        return list
    }

    private func judgedFloods(now: Double) -> [Flood] {
        breakdowns.values.compactMap { b -> Flood? in
            guard now - b.takenAt <= Self.floodBreakdownMaxAge, b.all.count >= Self.floodMinSample,
                case .growing = trend(of: b.queue, now: now), let top = b.topProject, top.share >= thresholds.floodShare
            else { return nil }
            let issue = b.topIssue.flatMap { $0.share >= thresholds.floodShare / 2 ? names.issue($0.id) : nil }
            return Flood(
                queue: b.queue, project: names.project(top.id), projectId: top.id, share: top.share,
                estimate: b.estimate(top.count), issue: issue, sampleText: b.sampleText)
        }.sorted { ($0.estimate, $1.queue) > ($1.estimate, $0.queue) }
    }
}

/// "queue.flooding": one project makes up at least `floodShare` of a growing queue's sampled messages, for
/// `floodingFor`. Pure, like `AlertRules`.
enum FloodRule {
    static func evaluate(_ s: ConsoleState, now: Double, _ t: AlertThresholds) -> [AlertSignal] {
        s.floods(now: now).map { f in
            AlertSignal(
                rule: "queue.flooding", subject: f.queue, severity: .warning, forSeconds: t.floodingFor,
                value: "\(f.project) \(Format.percent(f.share)) (~\(Format.compact(Double(f.estimate))))"
                    + (f.issue.map { ", top issue \($0)" } ?? "") + " · \(f.sampleText)",
                threshold: "≥ \(Format.percent(t.floodShare)) of a growing backlog",
                hint: "one project floods the pipeline: rate-limit its client key (Project Settings → Client Keys) "
                    + "or filter its noisy events; Enter on the queue shows its keys")
        }
    }
}
