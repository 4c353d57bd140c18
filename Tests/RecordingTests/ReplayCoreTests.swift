import Console
import Foundation
import Model
import Testing

@testable import ConsoleApp
@testable import Recording

/// A replay shows what the live console showed at that moment, moves through time with its own keys, and lets
/// nothing through that would touch a server.
@Suite struct ReplayCoreTests {
    typealias F = RecordingFixtures
    static let header = HeaderInfo(postgresTarget: "postgres@db:5432/sentry", redisTarget: "redis://r:6379/0")

    /// `seconds` of rounds at 1 s: the backlog grows for 100 s, then drains.
    static func entries(seconds: Int) -> [RecordEntry] {
        (0..<seconds).flatMap { i in F.round(at: F.base + Double(i), depth: F.depth(i), events: Int64(i * 5)) }
    }

    /// The live console fed the same events, with the recording's settings, and its clock ticking at `t`.
    static func live(_ entries: [RecordEntry], through t: Double) -> AppCore {
        var config = AppCore.Configuration(header: header)
        config.interval = 1
        var core = AppCore(config, size: (120, 40))
        for case .event(let e) in entries where e.time <= t { _ = core.handle(.probe(e), now: e.time) }
        _ = core.handle(.tick, now: t)  // the once-a-second clock a live console runs on
        return core
    }

    /// The frame without the lines a replay changes on purpose (header badge, timeline bar).
    static func body(_ s: Surface) -> [String] { (1..<(s.height - 1)).map { s.line($0) } }

    @Test(arguments: [200, 400, 900])
    func theReplayedScreenIsTheLiveScreen(seconds: Int) throws {
        let entries = Self.entries(seconds: seconds)
        let timeline = MemoryTimeline.holding(entries)
        let replay = ReplayCore(timeline: timeline, header: Self.header, size: (120, 40), at: timeline.end)
        let live = Self.live(entries, through: timeline.end)
        #expect(Self.body(replay.frame()) == Self.body(live.frame(now: timeline.end)))
        #expect(replay.core.state.data.alerts.alerts.keys.sorted() == live.state.data.alerts.alerts.keys.sorted())
    }

    @Test func seekingBackShowsThePastNotTheLatest() throws {
        let entries = Self.entries(seconds: 400)
        let timeline = MemoryTimeline.holding(entries)
        var replay = ReplayCore(timeline: timeline, header: Self.header, size: (120, 40), at: timeline.end)
        replay.seek(F.base + 150.5)
        let live = Self.live(entries, through: F.base + 150.5)
        #expect(Self.body(replay.frame()) == Self.body(live.frame(now: F.base + 150.5)))
        #expect(replay.core.state.data.redis.latest?.queues.first?.depth == F.depth(150))
    }

    @Test func timelineKeysMoveTheCursor() throws {
        let timeline = MemoryTimeline.holding(Self.entries(seconds: 400))
        var r = ReplayCore(timeline: timeline, header: Self.header, size: (120, 40), at: F.base + 200.5)
        _ = r.handle(.key(.char("]")), now: 0)
        #expect(r.cursor == F.base + 201)
        _ = r.handle(.key(.char("[")), now: 0)
        #expect(abs(r.cursor - (F.base + 200.01)) < 1e-6)
        _ = r.handle(.key(.char("}")), now: 0)
        #expect(abs(r.cursor - (F.base + 260.01)) < 1e-6)
        _ = r.handle(.key(.char("{")), now: 0)
        _ = r.handle(.key(.char("{")), now: 0)
        #expect(abs(r.cursor - (F.base + 140.01)) < 1e-6)
        _ = r.handle(.key(.char("G")), now: 0)
        #expect(r.cursor == timeline.end)
        _ = r.handle(.key(.char("g")), now: 0)
        #expect(r.cursor == timeline.start + 0.01, "the start is the first moment both sources had answered")
        #expect(!r.frame().text.contains("waiting for Redis"))
        for _ in 0..<3 { _ = r.handle(.key(.char("+")), now: 0) }
        #expect(r.speed == 10)
        _ = r.handle(.key(.char(" ")), now: 0)
        #expect(r.playing)
        _ = r.handle(.tick, now: 0)
        #expect(r.cursor == timeline.start + 10.01)
        for _ in 0..<10 { _ = r.handle(.key(.char("+")), now: 0) }
        #expect(r.speed == 60)
        for _ in 0..<10 { _ = r.handle(.tick, now: 0) }
        #expect(r.cursor == timeline.end)
        #expect(!r.playing, "playing stops at the end")
        #expect(r.frame().line(39).contains("end of the recording"))
    }

    @Test func theJumpPromptTakesTimesAndRefusesNonsense() throws {
        let timeline = MemoryTimeline.holding(Self.entries(seconds: 400))
        var r = ReplayCore(timeline: timeline, header: Self.header, size: (120, 40), at: F.base + 300)
        for k in "t-90s" { _ = r.handle(.key(.char(k)), now: 0) }
        #expect(r.frame().line(39).contains("jump to: -90s_"))
        _ = r.handle(.key(.enter), now: 0)
        #expect(r.cursor == F.base + 210)
        for k in "tsoon" { _ = r.handle(.key(.char(k)), now: 0) }
        _ = r.handle(.key(.enter), now: 0)
        #expect(r.cursor == F.base + 210)
        #expect(r.frame().line(39).contains("not a time: soon"))
    }

    @Test func recordedPingsAreShownAsOn() throws {
        let round = InspectRound(
            startedAt: F.base + 1, timeout: 1, serializer: "pickle", detailed: true, receivers: 1, replies: [],
            problems: [])
        let entries =
            Self.entries(seconds: 10) + [.event(.inspection(.success(round), at: F.base + 2, retryAt: F.base + 4))]
        var r = ReplayCore(
            timeline: MemoryTimeline.holding(entries), header: Self.header, size: (120, 40), at: F.base + 5)
        _ = r.handle(.key(.char("3")), now: 0)
        #expect(r.frame().line(2).contains("ping: pickle"), "\(r.frame().line(2))")
    }

    @Test func nothingThatTouchesAServerLeavesAReplay() throws {
        let issues = IssuesSnapshot(
            rows: [
                IssueRow(
                    id: 1, projectId: 1, projectSlug: "api", organizationSlug: "acme", shortId: 1, level: 40,
                    title: "KeyError", culprit: "app", status: IssueStatus(status: 0, substatus: 7), timesSeen: 9,
                    firstSeen: F.base, lastSeen: F.base + 5)
            ], query: "is:unresolved", sort: .lastSeen, takenAt: F.base + 5)
        let entries =
            Self.entries(seconds: 30) + [.event(.issues(.success(issues), at: F.base + 5, retryAt: F.base + 20))]
        let timeline = MemoryTimeline.holding(entries)
        var r = ReplayCore(timeline: timeline, header: Self.header, size: (120, 40), at: F.base + 20)
        var effects = r.handle(.key(.char("2")), now: 0)  // the Issues screen wakes the stream when live
        effects += r.handle(.key(.enter), now: 0)  // the detail reads Postgres when live
        effects += r.handle(.key(.char("r")), now: 0)  // triage is refused (no write mode)
        #expect(effects.allSatisfy { if case .render = $0 { true } else { false } }, "\(effects)")
        let screen = r.frame().text
        #expect(screen.contains("not recorded"), "the detail says why it is empty")
        #expect(r.frame().line(0).contains("REPLAY"))
    }
}
