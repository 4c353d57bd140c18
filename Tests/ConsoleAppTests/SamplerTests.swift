import Foundation
import Testing

@testable import ConsoleApp
@testable import Model

/// A clock that jumps to each deadline at once, or returns at once when the alarm was rung.
final class VirtualClock: SamplerClock, @unchecked Sendable {
    private let lock = NSLock()
    private var time: Double
    init(_ start: Double) { time = start }
    func now() -> Double { lock.withLock { time } }
    func sleep(until deadline: Double, alarm: Alarm) async {
        if alarm.takeRing() { return }
        lock.withLock { time = max(time, deadline) }
    }
    func advance(_ s: Double) { lock.withLock { time += s } }
}

/// Collects (at, next) reports and stops the sampler after `limit` samples.
actor Reports {
    var items: [(at: Double, next: Double, ok: Bool)] = []
    func add(_ at: Double, _ next: Double, _ ok: Bool) { items.append((at, next, ok)) }
}

@Suite struct SamplerTests {
    @Test func backoffDoublesFromOneSecondUpToThirty() {
        #expect((1...8).map { SamplerSchedule.backoff(failures: $0) } == [1, 2, 4, 8, 16, 30, 30, 30])
        var s = SamplerSchedule(start: 0)
        #expect(s.completed(success: false, now: 0.2, interval: 2) == 1.2)
        #expect(s.completed(success: false, now: 1.3, interval: 2) == 3.3)
        #expect(
            s.completed(success: true, now: 3.4, interval: 2) == 5.3, "success resumes the fixed rate from its due time"
        )
        #expect(s.failures == 0)
    }

    @Test func anUnreachableServerIsTriedEveryTwoSecondsARefusingOneBacksOff() {
        var s = SamplerSchedule(start: 0)
        let waits = (1...8).map { i in s.completed(success: false, now: Double(i) * 100, interval: 1, unreachable: true)
        }
        #expect(waits.enumerated().map { $0.element - Double($0.offset + 1) * 100 } == [1, 2, 2, 2, 2, 2, 2, 2])
        #expect(s.completed(success: false, now: 900, interval: 1) == 930, "answered with a refusal: full backoff")
    }

    @Test func unreachableIsWhatDidNotAnswerNotWhatRefused() {
        let pg = "connection to server at \"127.0.0.1\", port 5432 failed: "
        #expect(ProbeError(.connect, pg + "Connection refused").isUnreachable)
        #expect(ProbeError(.connect, pg + "timeout expired").isUnreachable)
        #expect(ProbeError(.timeout, "no answer within 3000 ms").isUnreachable)
        #expect(ProbeError(.io, "server closed the connection unexpectedly").isUnreachable)
        #expect(!ProbeError(.connect, pg + "FATAL:  password authentication failed for user \"x\"").isUnreachable)
        #expect(!ProbeError(.connect, pg + "FATAL:  database \"nope\" does not exist").isUnreachable)
        #expect(!ProbeError(.server, "NOAUTH Authentication required.").isUnreachable)
        #expect(!ProbeError(.config, "bad URL").isUnreachable)
    }

    @Test func fixedRateStaysInPhaseAndARingRephases() {
        var s = SamplerSchedule(start: 100)
        #expect(
            s.completed(success: true, now: 100.3, interval: 2) == 102, "due after the last due, not after it ended")
        s.woke(now: 101)  // rung early
        #expect(s.completed(success: true, now: 101.2, interval: 2) == 103, "the next period starts at the ring")
        #expect(s.completed(success: true, now: 110, interval: 2) == 112, "a slow sample never schedules in the past")
    }

    @Test func theLoopBacksOffOnFailuresAndRecovers() async {
        let clock = VirtualClock(1000)
        let reports = Reports()
        let count = Counter()
        let sampler = Sampler<Int>(
            clock: clock, alarm: Alarm(), cadence: { SamplerCadence(interval: 2, paused: false) },
            sample: {
                let n = await count.next()
                if n >= 12 { withUnsafeCurrentTask { $0?.cancel() } }
                return n < 8 ? .failure(ProbeError(.connect, "down")) : .success(n)
            },
            report: { r, at, next in
                if case .success = r { await reports.add(at, next, true) } else { await reports.add(at, next, false) }
            })
        await Task { await sampler.run() }.value
        let items = await reports.items
        let gaps = items.map { $0.next - $0.at }
        #expect(Array(gaps.prefix(9)) == [1, 2, 4, 8, 16, 30, 30, 2, 2])
        #expect(items[7].ok)
    }

    @Test func aRingSamplesNowAndPauseSamplesNothing() async {
        let clock = VirtualClock(0)
        let alarm = Alarm()
        let reports = Reports()
        let count = Counter()
        let paused = Flag(true)
        let sampler = Sampler<Int>(
            clock: clock, alarm: alarm, cadence: { SamplerCadence(interval: 10, paused: paused.value) },
            sample: {
                let n = await count.next()
                if n == 2 { alarm.ring() }  // rung while sampling: the next sample does not wait
                if n >= 3 { withUnsafeCurrentTask { $0?.cancel() } }
                return .success(n)
            },
            report: { _, at, next in await reports.add(at, next, true) })
        let task = Task { await sampler.run() }
        try? await Task.sleep(nanoseconds: 20_000_000)
        #expect(await count.value == 0, "paused: no sample")
        paused.value = false
        await task.value
        let items = await reports.items
        #expect(items.count == 3)
        #expect(items[1].at == items[0].at + 10)
        #expect(items[2].at == items[1].at, "rung: sampled again at once")
    }

    /// Deterministic: the stale timer is fired by hand (`expire` with the first wait's number) while the second
    /// wait is in progress; the waits are long, so no real timer fires during the test.
    @Test func aStaleTimerDoesNotEndALaterWait() async throws {
        let alarm = Alarm()
        let first = Task { await alarm.wait(seconds: 30) }
        try #require(await Self.becomesWaiting(alarm))
        let firstWait = alarm.currentWait
        alarm.ring()
        await first.value
        let second = Task { await alarm.wait(seconds: 30) }
        try #require(await Self.becomesWaiting(alarm))
        alarm.expire(firstWait)  // the first wait's timer fires late
        try await Task.sleep(nanoseconds: 50_000_000)
        #expect(alarm.isWaiting, "the first wait's timer ended the second wait")
        alarm.ring()
        await second.value
    }

    /// Polls (at most 5 s) until a wait is in progress.
    static func becomesWaiting(_ alarm: Alarm) async -> Bool {
        for _ in 0..<5000 {
            if alarm.isWaiting { return true }
            try? await Task.sleep(nanoseconds: 1_000_000)
        }
        return false
    }
}

actor Counter {
    var value = 0
    func next() -> Int {
        value += 1
        return value
    }
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var v: Bool
    init(_ v: Bool) { self.v = v }
    var value: Bool {
        get { lock.withLock { v } }
        set { lock.withLock { v = newValue } }
    }
}
