import Console
import Testing

@testable import ConsoleApp
@testable import Model

/// Enter on a queue opens what fills it; j/k pick a project (its client keys load); Enter on a project opens
/// the Issues screen filtered to it by events/min.
@Suite struct QueueDetailFlowTests {
    static let now = Fixtures.now

    static func core() -> AppCore {
        var core = Fixtures.core()
        var all = MessageTally()
        var oldest = MessageTally()
        var newest = MessageTally()
        for i in 0..<200 {
            let m = SampledMessage(
                task: "sentry.tasks.store.save_event", projectId: i < 140 ? 2 : 3, startTime: now - 300)
            all.add(m)
            if i < 100 { oldest.add(m) } else { newest.add(m) }
        }
        var r = Fixtures.redis(at: now + 1)
        r.queues = [
            QueueSample(name: "events.save_event", depth: 41_200, byPriority: [41_200, 0, 0, 0], source: .binding)
        ]
        r.breakdowns = [
            QueueBreakdown(
                queue: "events.save_event", takenAt: now + 1, depth: 41_200, oldest: oldest, newest: newest, all: all)
        ]
        let effects = core.handle(.probe(.redis(.success(r), at: now + 1, retryAt: now + 3)), now: now + 1)
        #expect(effects.contains(.resolveNames(projects: [2, 3], issues: [])))
        _ = core.handle(
            .probe(.names(.success(EntityNames(projects: [2: "web", 3: "ios"])), at: now + 1)), now: now + 1)
        return core
    }

    /// Empty queues fold into one line; Enter opens the selected row of the list as shown, folded or not.
    @Test func foldedEmptyQueuesAndEnterOpenWhatIsShown() {
        var core = Fixtures.core()
        var r = Fixtures.redis(at: Self.now + 1)
        r.queues = [
            QueueSample(name: "events.save_event", depth: 12, byPriority: [12, 0, 0, 0], source: .binding),
            QueueSample(name: "alerts", depth: 0, byPriority: [0, 0, 0, 0], source: .binding),
            QueueSample(name: "cleanup", depth: 0, byPriority: [0, 0, 0, 0], source: .binding),
        ]
        _ = core.handle(.probe(.redis(.success(r), at: Self.now + 1, retryAt: Self.now + 3)), now: Self.now + 1)
        var text = core.frame(now: Self.now + 2).text
        #expect(text.contains("2 empty queues · e lists them") && !text.contains("cleanup"), "\(text)")
        _ = core.type([.down, .enter], now: Self.now + 2)
        #expect(core.state.ui.queueDetail?.queue == "events.save_event", "the only row shown")
        _ = core.type([.escape, .char("e"), .char("G"), .enter], now: Self.now + 2)
        text = core.frame(now: Self.now + 2).text
        #expect(text.contains("cleanup") && !text.contains("empty queues ·"), "\(text)")
        #expect(core.state.ui.queueDetail?.queue == "cleanup", "the last row of the unfolded list")
    }

    @Test func enterOpensTheQueueAndLoadsTheTopProjectsKeys() {
        var core = Self.core()
        let effects = core.type([.enter], now: Self.now + 2)
        #expect(core.state.ui.queueDetail?.queue == "events.save_event")
        #expect(effects.contains(.loadProjectKeys(2)))
        let keys = ProjectKeys(
            projectId: 2, organizationSlug: "acme", projectSlug: "web",
            keys: [
                .init(
                    label: "Default", publicKey: "0123456789abcdef", active: true, rateLimitCount: 1000,
                    rateLimitWindow: 60)
            ])
        _ = core.handle(.probe(.projectKeys(id: 2, .success(keys), at: Self.now + 2)), now: Self.now + 2)
        let text = core.frame(now: Self.now + 2).text
        #expect(text.contains("Queue events.save_event"))
        #expect(text.contains("sample 200 of 41,200, ±7 %"))
        #expect(text.contains("arriving now: ios 60 % · stuck: web 100 %"), "\(text)")
        #expect(text.contains("oldest waiting 5m"))
        #expect(text.contains("Client keys of web"))
        #expect(text.contains("limit 1,000 / 1m"))
        #expect(text.contains("https://sentry.example.com/settings/acme/projects/web/keys/"))
    }

    @Test func selectingAProjectLoadsItsKeysAndEnterShowsItsIssues() {
        var core = Self.core()
        _ = core.type([.enter], now: Self.now + 2)
        let moved = core.type([.char("j")], now: Self.now + 2)
        #expect(moved.contains(.loadProjectKeys(3)))
        let opened = core.type([.enter], now: Self.now + 2)
        #expect(core.state.ui.screen == .issues)
        #expect(core.state.ui.issues.query.source == "is:unresolved project:ios")
        #expect(core.state.ui.issues.sort == .trending)
        #expect(core.state.ui.queueDetail == nil)
        #expect(opened.contains(.wake(.issues)))
    }

    @Test func escClosesAndAnUnsampledQueueSaysWhy() {
        var core = Fixtures.core()
        _ = core.type([.enter], now: Self.now)
        #expect(core.state.ui.queueDetail?.queue == "default")
        #expect(core.state.ui.status?.text.contains("not sampled yet") == true)
        _ = core.type([.escape], now: Self.now)
        #expect(core.state.ui.queueDetail == nil)
    }

    /// Issue rows follow the project rows: Enter on one opens the Issues screen on its project and, once the
    /// stream lists it, its detail.
    @Test func enterOnAnIssueRowOpensItsDetailWhenTheStreamListsIt() {
        var core = Fixtures.core()
        var post = MessageTally()
        for _ in 0..<50 {
            post.add(SampledMessage(task: "sentry.tasks.post_process.post_process_group", projectId: 1, groupId: 1))
        }
        var r = Fixtures.redis(at: Self.now + 1)
        r.queues = [QueueSample(name: "post_process_errors", depth: 50, byPriority: [50, 0, 0, 0], source: .binding)]
        r.breakdowns = [
            QueueBreakdown(
                queue: "post_process_errors", takenAt: Self.now + 1, depth: 50, oldest: post, newest: post, all: post)
        ]
        _ = core.handle(.probe(.redis(.success(r), at: Self.now + 1, retryAt: Self.now + 3)), now: Self.now + 1)
        _ = core.handle(
            .probe(.names(.success(EntityNames(projects: [1: "api"], issues: [1: "API-1"])), at: Self.now + 1)),
            now: Self.now + 1)
        _ = core.type([.enter, .char("j")], now: Self.now + 2)
        #expect(core.state.ui.queueDetail?.selection == 1, "the issue row after the one project row")
        let opened = core.type([.enter], now: Self.now + 2)
        #expect(opened.contains(.wake(.issues)))
        #expect(core.state.ui.screen == .issues)
        #expect(core.state.ui.issues.query.source == "is:unresolved project:api")
        #expect(core.state.ui.issues.selectedId == 1)
        let stream = IssuesSnapshot(
            rows: Fixtures.rows(), query: "is:unresolved project:api", sort: .trending, takenAt: Self.now + 3)
        let effects = core.handle(
            .probe(.issues(.success(stream), at: Self.now + 3, retryAt: Self.now + 8)), now: Self.now + 3)
        #expect(effects.contains { if case .loadDetail(let row) = $0 { row.id == 1 } else { false } })
        #expect(core.state.pendingIssue == nil)
    }
}
