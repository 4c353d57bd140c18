import Foundation
import Synchronization
import Testing

@testable import Exporter
@testable import Model

/// A feed whose samples are counted and can be held back.
final class CountingFeed: Sendable {
    let calls = Mutex(0)
    let delay: Double
    let depth: Int

    init(delay: Double = 0, depth: Int = 3) {
        self.delay = delay
        self.depth = depth
    }

    var feed: ScrapeCoordinator.Feed {
        .init(source: "redis") { [self] in
            let n = calls.withLock {
                $0 += 1
                return $0
            }
            if delay > 0 { try? await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
            let t = Date().timeIntervalSince1970
            return [.redis(.success(ExporterFixtures.redis(at: t, depth: depth + n)), at: t, retryAt: t)]
        }
    }
}

@Suite struct ScrapeCoordinatorTests {
    /// (A wide window: on a loaded test machine two scrapes may be more than a second apart.)
    @Test func scrapesWithinTheShareWindowShareOneSample() async {
        let feed = CountingFeed()
        let c = ScrapeCoordinator(state: ConsoleState(interval: 15), feeds: [feed.feed], version: "1", shareWindow: 60)
        let a = await c.scrape(deadline: 5)
        let b = await c.scrape(deadline: 5)
        #expect(feed.calls.withLock { $0 } == 1)
        #expect(a.named("sentry_queue_depth") == b.named("sentry_queue_depth"))
    }

    @Test func concurrentScrapesJoinTheSampleInFlight() async {
        let feed = CountingFeed(delay: 0.3)
        let c = ScrapeCoordinator(state: ConsoleState(interval: 15), feeds: [feed.feed], version: "1", shareWindow: 60)
        async let a = c.scrape(deadline: 5)
        async let b = c.scrape(deadline: 5)
        async let d = c.scrape(deadline: 5)
        let all = await [a, b, d]
        #expect(feed.calls.withLock { $0 } == 1)
        for f in all { #expect(f.named("sentry_console_source_up")?.value([.init("source", "redis")]) == 1) }
    }

    @Test func aSampleOlderThanTheShareWindowIsTakenAgain() async {
        let feed = CountingFeed()
        let c = ScrapeCoordinator(
            state: ConsoleState(interval: 15), feeds: [feed.feed], version: "1", shareWindow: 0.05)
        _ = await c.scrape(deadline: 5)
        try? await Task.sleep(nanoseconds: 100_000_000)
        let f = await c.scrape(deadline: 5)
        #expect(feed.calls.withLock { $0 } == 2)
        #expect(f.named("sentry_queue_depth")?.value([.init("queue", "events.save_event")]) == 5)
    }

    /// The sample is held until the test releases it, so the deadline (not the sample) must end the scrape.
    @Test func aSourceMissingTheDeadlineIsDownAndItsLateResultIsKept() async throws {
        let gate = Gate()
        let calls = Mutex(0)
        let held = ScrapeCoordinator.Feed(source: "redis") {
            calls.withLock { $0 += 1 }
            await gate.wait()
            let t = Date().timeIntervalSince1970
            return [.redis(.success(ExporterFixtures.redis(at: t, depth: 9)), at: t, retryAt: t)]
        }
        let c = ScrapeCoordinator(state: ConsoleState(interval: 15), feeds: [held], version: "1")
        let first = await c.scrape(deadline: 0.2)
        #expect(first.named("sentry_console_source_up")?.value([.init("source", "redis")]) == 0)
        #expect(first.named("sentry_queue_depth") == nil)
        await gate.open()
        var second: [MetricFamily] = []
        for _ in 0..<100 {
            second = await c.scrape(deadline: 5)
            if second.named("sentry_queue_depth") != nil { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        #expect(calls.withLock { $0 } == 1, "the late sample was joined, not repeated")
        #expect(second.named("sentry_console_source_up")?.value([.init("source", "redis")]) == 1)
        #expect(second.named("sentry_queue_depth")?.value([.init("queue", "events.save_event")]) == 9)
    }

    @Test func aFailingSourceIsDownWithItsMetricsAbsent() async {
        let failing = ScrapeCoordinator.Feed(source: "postgres") {
            let t = Date().timeIntervalSince1970
            return [.postgres(.failure(ProbeError(.connect, "refused")), at: t, retryAt: t)]
        }
        let c = ScrapeCoordinator(state: ConsoleState(interval: 15), feeds: [failing], version: "1")
        let f = await c.scrape(deadline: 1)
        #expect(f.named("sentry_console_source_up")?.value([.init("source", "postgres")]) == 0)
        #expect(f.named("postgresql_connections") == nil)
    }
}

/// A one-shot gate: `wait` suspends until `open` (or returns at once after it).
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for w in waiters { w.resume() }
        waiters = []
    }
}
