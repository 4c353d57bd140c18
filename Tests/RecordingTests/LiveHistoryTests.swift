import Console
import Foundation
import Model
import Testing

@testable import ConsoleApp
@testable import Recording

/// `[` in the live console: the last hour with the replay's keys, live data still arriving, Esc back to now.
@Suite struct LiveHistoryTests {
    typealias F = RecordingFixtures

    /// A live console that has received `seconds` of rounds, with the same rounds kept as its past.
    static func console(seconds: Int) -> (LiveCore, MemoryTimeline) {
        let past = MemoryTimeline(header: F.header(), keepSeconds: 3600)
        var config = AppCore.Configuration(header: ReplayCoreTests.header)
        config.interval = 1
        var core = LiveCore(AppCore(config, size: (120, 40)), past: past)
        for i in 0..<seconds {
            let round = F.round(at: F.base + Double(i), depth: F.depth(i), events: Int64(i * 5))
            past.append(round)
            for case .event(let e) in round { _ = core.handle(.probe(e), now: e.time) }
        }
        return (core, past)
    }

    static func depth(_ s: Surface) -> String {
        s.text.split(separator: "\n").first { $0.contains("events.save_event") }.map(String.init) ?? ""
    }

    @Test func bracketOpensThePastAndEscapeReturnsToNow() throws {
        var (core, past) = Self.console(seconds: 200)
        let now = F.base + 199.5
        _ = core.handle(.key(.char("[")), now: now)
        let h = try #require(core.history)
        #expect(abs(h.cursor - (F.base + 198.01)) < 1e-6, "one sample back from the newest")
        #expect(core.frame(now: now).line(0).contains("REPLAY"))
        #expect(core.frame(now: now).line(39).contains("esc live"))
        _ = core.handle(.key(.char("{")), now: now)
        #expect(Self.depth(core.frame(now: now)).contains(" \(F.depth(138)) "))
        // Data keeps arriving underneath; the past on screen does not move.
        let round = F.round(at: F.base + 200, depth: 4242, events: 1000)
        past.append(round)
        for case .event(let e) in round {
            #expect(core.handle(.probe(e), now: e.time).allSatisfy { !$0.isFrame }, "no frame for an unseen screen")
        }
        #expect(!Self.depth(core.frame(now: now)).contains("4,242"))
        _ = core.handle(.key(.escape), now: F.base + 200.5)
        #expect(core.history == nil)
        #expect(Self.depth(core.frame(now: F.base + 200.5)).contains("4,242"))
        #expect(!core.frame(now: F.base + 200.5).line(0).contains("REPLAY"))
    }

    @Test func escapeClosesAnOverlayBeforeLeavingThePast() {
        var (core, _) = Self.console(seconds: 60)
        _ = core.handle(.key(.char("[")), now: F.base + 60)
        _ = core.handle(.key(.char("?")), now: F.base + 60)
        _ = core.handle(.key(.escape), now: F.base + 60)
        #expect(core.history != nil, "the first Esc closes the help")
        _ = core.handle(.key(.escape), now: F.base + 60)
        #expect(core.history == nil)
    }

    @Test func bracketIsACharacterWhileTyping() {
        var (core, _) = Self.console(seconds: 30)
        _ = core.handle(.key(.char("3")), now: F.base + 30)
        _ = core.handle(.key(.char("/")), now: F.base + 30)
        _ = core.handle(.key(.char("[")), now: F.base + 30)
        #expect(core.history == nil)
        #expect(core.live.state.ui.workers.editing == "[")
    }
}

/// The sampling interval travels with the recording: at every member's start and when `+`/`-` change it, so a
/// replay anywhere uses the interval the live console had then.
@Suite struct RecordedIntervalTests {
    typealias F = RecordingFixtures

    @Test func intervalLinesOpenEveryMemberAndFollowChanges() throws {
        let dir = F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = try RecordingWriter(directory: dir, header: F.header(interval: 1), options: .init())
        for i in 0..<150 {
            if i == 100 { w.interval = 5 }
            try w.append(F.round(at: F.base + Double(i), depth: 1, events: Int64(i)), now: F.base + Double(i))
        }
        w.close()
        let r = try Recording(path: dir)
        let intervals = r.entries(from: F.base, through: F.base + 200).compactMap { e -> Double? in
            if case .interval(let s, _) = e { return s } else { return nil }
        }
        // Members at 0, 60 and 120 s; the change at 100 s.
        #expect(intervals == [1, 1, 5, 5])
        // A replay seeking past the change (its warm-up starts in the member that opens with interval 1).
        let replay = ReplayCore(timeline: r, header: ReplayCoreTests.header, size: (120, 40), at: F.base + 140)
        #expect(replay.core.state.interval == 5)
        let early = ReplayCore(timeline: r, header: ReplayCoreTests.header, size: (120, 40), at: F.base + 50)
        #expect(early.core.state.interval == 1)
    }

    @Test func theLiveHourKeepsTheIntervalToo() {
        let t = MemoryTimeline(header: F.header(interval: 2), keepSeconds: 600)
        t.append(F.round(at: F.base, depth: 1, events: 1))
        t.interval = 0.5
        t.append(F.round(at: F.base + 2, depth: 1, events: 2))
        let intervals = t.entries(from: F.base - 1, through: F.base + 3).compactMap { e -> Double? in
            if case .interval(let s, _) = e { return s } else { return nil }
        }
        #expect(intervals == [2, 0.5])
    }
}
