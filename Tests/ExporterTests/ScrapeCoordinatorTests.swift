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
    @Test func scrapesWithinOneSecondShareOneSample() async {
        let feed = CountingFeed()
        let c = ScrapeCoordinator(state: ConsoleState(interval: 15), feeds: [feed.feed], version: "1")
        let a = await c.scrape(deadline: 5)
        let b = await c.scrape(deadline: 5)
        #expect(feed.calls.withLock { $0 } == 1)
        #expect(a.named("sentry_queue_depth") == b.named("sentry_queue_depth"))
    }

    @Test func concurrentScrapesJoinTheSampleInFlight() async {
        let feed = CountingFeed(delay: 0.3)
        let c = ScrapeCoordinator(state: ConsoleState(interval: 15), feeds: [feed.feed], version: "1")
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

    @Test func aSourceMissingTheDeadlineIsDownAndItsLateResultIsKept() async {
        let feed = CountingFeed(delay: 0.6)
        let c = ScrapeCoordinator(state: ConsoleState(interval: 15), feeds: [feed.feed], version: "1")
        let started = Date()
        let first = await c.scrape(deadline: 0.2)
        #expect(Date().timeIntervalSince(started) < 0.5)
        #expect(first.named("sentry_console_source_up")?.value([.init("source", "redis")]) == 0)
        #expect(first.named("sentry_queue_depth") == nil)
        try? await Task.sleep(nanoseconds: 700_000_000)
        let second = await c.scrape(deadline: 5)
        #expect(feed.calls.withLock { $0 } == 1)
        #expect(second.named("sentry_console_source_up")?.value([.init("source", "redis")]) == 1)
        #expect(second.named("sentry_queue_depth")?.value([.init("queue", "events.save_event")]) == 4)
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
