import Testing

@testable import Model

@Suite struct QueueBreakdownTests {
    static func tally(_ projects: [Int64: Int], start: Double? = nil, issue: Int64? = nil) -> MessageTally {
        var t = MessageTally()
        for (p, n) in projects.sorted(by: { $0.key < $1.key }) {
            for _ in 0..<n {
                t.add(
                    SampledMessage(
                        task: "sentry.tasks.store.save_event", projectId: p, groupId: issue, startTime: start))
            }
        }
        return t
    }

    /// A Redis sample at `t` with the queues' depths and, for each tally given, that queue's breakdown.
    static func sample(_ t: Double, _ queues: [(String, Int, MessageTally?)]) -> RedisSnapshot {
        var r = RedisSnapshot(
            takenAt: t, db: 0, keyPrefix: "", broker: .celery,
            queues: queues.map { QueueSample(name: $0.0, depth: $0.1, byPriority: [$0.1, 0, 0, 0], source: .binding) },
            inFlight: 0, oldestInFlightSeconds: nil, bufferBacklog: nil, stats: RedisStats())
        let taken = queues.compactMap { q in
            q.2.map { QueueBreakdown(queue: q.0, takenAt: t, depth: q.1, oldest: $0, newest: $0, all: $0) }
        }
        r.breakdowns = taken.isEmpty ? nil : taken
        return r
    }

    @Test func theMarginIsTheStatedSamplingError() {
        let all = Self.tally([1: 140, 2: 60])
        let b = QueueBreakdown(queue: "q", takenAt: 0, depth: 41_200, oldest: all, newest: all, all: all)
        #expect(b.sampleText == "sample 200 of 41,200, ±7 %")
        #expect(b.estimate(140) == 28_840)
        #expect(b.topProject?.id == 1)
        #expect(abs((b.topProject?.share ?? 0) - 0.7) < 1e-9)
        let whole = QueueBreakdown(queue: "q", takenAt: 0, depth: 200, oldest: all, newest: all, all: all)
        #expect(whole.margin() == 0, "the whole queue was read: no sampling error")
    }

    @Test func unreadableMessagesAreCountedApart() {
        var t = MessageTally()
        t.add(SampledMessage(.object))
        t.add(SampledMessage(.undecodable))
        t.add(SampledMessage(task: "x"))
        #expect(t.count == 3 && t.objects == 1 && t.undecodable == 1 && t.withoutProject == 1)
        #expect(t.byTask == ["x": 1])
    }

    /// A growing queue whose sample is 70 % one project floods; a steady one does not; the rule fires after
    /// its for-duration with the project's slug.
    @Test func aProjectDominatingAGrowingBacklogIsAFlood() {
        var s = ConsoleState()
        let all = Self.tally([1: 140, 2: 60], start: 900, issue: 77)
        for i in 0..<70 {
            let t = 1000 + Double(i * 2)
            let r = Self.sample(t, [("events.save_event", 1000 + i * 100, i % 5 == 0 ? all : nil)])
            s.apply(.redis(.success(r), at: t, retryAt: t + 2))
            if i == 3 {
                s.apply(.names(.success(EntityNames(projects: [1: "acme-web"], issues: [77: "WEB-1E"])), at: t))
            }
        }
        let now = 1000 + 69 * 2.0
        let f = s.floods(now: now)
        #expect(f.first?.project == "acme-web")
        #expect(f.first?.issue == "WEB-1E")
        #expect(f.first?.queue == "events.save_event")
        #expect(s.alerts.alerts["queue.flooding events.save_event"]?.state == .firing)
        #expect(s.alerts.alerts["queue.flooding events.save_event"]?.value.hasPrefix("acme-web 70 %") == true)
    }

    @Test func aBreakdownGoesWhenItsQueueEmpties() {
        var s = ConsoleState()
        let all = Self.tally([1: 30])
        var r = RedisSnapshot(
            takenAt: 1, db: 0, keyPrefix: "", broker: .celery,
            queues: [QueueSample(name: "q", depth: 30, byPriority: [30, 0, 0, 0], source: .user)], inFlight: 0,
            oldestInFlightSeconds: nil, bufferBacklog: nil, stats: RedisStats())
        r.breakdowns = [QueueBreakdown(queue: "q", takenAt: 1, depth: 30, oldest: all, newest: all, all: all)]
        s.apply(.redis(.success(r), at: 1, retryAt: 3))
        #expect(s.breakdowns["q"] != nil)
        r.breakdowns = nil
        r.queues[0].depth = 0
        s.apply(.redis(.success(r), at: 3, retryAt: 5))
        #expect(s.breakdowns["q"] == nil)
    }

    /// save_event carries no group_id; post_process does: the save_event flood names the issue of the same
    /// project's post_process flood.
    @Test func aFloodBorrowsTheIssueOfTheSameProjectsPostProcessFlood() {
        var s = ConsoleState()
        let save = Self.tally([1: 180, 2: 20])
        let post = Self.tally([1: 150], issue: 77)
        for i in 0..<20 {
            let t = 1000 + Double(i * 2)
            let r = Self.sample(
                t, [("events.save_event", 5000 + i * 100, save), ("post_process_errors", 1000 + i * 50, post)])
            s.apply(.redis(.success(r), at: t, retryAt: t + 2))
        }
        let f = s.floods(now: 1038)
        #expect(f.first?.queue == "events.save_event")
        #expect(f.first?.issue == "issue 77")
    }
}
