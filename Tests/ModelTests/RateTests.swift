import Testing

@testable import Model

@Suite struct CounterRateTests {
    @Test func firstSampleIsInitializingThenData() {
        var r = CounterRate(staleAfter: 10)
        #expect(r.state(now: 0) == .initializing)
        r.observe(counter: 100, epoch: "1", at: 0)
        #expect(r.state(now: 0) == .initializing)
        r.observe(counter: 120, epoch: "1", at: 2)
        #expect(r.state(now: 2) == .data(perSecond: 10))
    }

    @Test func counterDecreaseRestartsInsteadOfGoingNegative() {
        var r = CounterRate()
        r.observe(counter: 1000, at: 0)
        r.observe(counter: 1010, at: 1)
        r.observe(counter: 5, at: 2)  // server restart
        #expect(r.state(now: 2) == .initializing)
        r.observe(counter: 25, at: 4)
        #expect(r.state(now: 4) == .data(perSecond: 10))
    }

    @Test func statsResetEpochRestarts() {
        var r = CounterRate()
        r.observe(counter: 10, epoch: "1", at: 0)
        r.observe(counter: 30, epoch: "2", at: 2)  // pg_stat_reset(): same or bigger value, new epoch
        #expect(r.state(now: 2) == .initializing)
    }

    @Test func staleAfterLimitKeepsLastValue() {
        var r = CounterRate(staleAfter: 10)
        r.observe(counter: 0, at: 0)
        r.observe(counter: 50, at: 5)
        #expect(r.state(now: 14) == .data(perSecond: 10))
        #expect(r.state(now: 16) == .stale(lastRate: 10))
    }

    @Test func missingCounterIsNoData() {
        var r = CounterRate()
        r.observe(counter: nil, at: 0)
        #expect(r.state(now: 0) == .noData)
        r.observe(counter: 1, at: 1)
        #expect(r.state(now: 1) == .initializing)
    }
}

@Suite struct QueueTrendTests {
    static func series(_ values: [Double], step: Double = 2) -> [Series.Point] {
        values.enumerated().map { Series.Point(time: Double($0.offset) * step, value: $0.element) }
    }

    @Test func growing() {
        let pts = Self.series([100, 110, 120, 130, 140])  // +10 per 2 s
        #expect(QueueTrend.from(pts, now: 8) == .growing(perMinute: 300))
    }

    @Test func drainingGivesETA() {
        let pts = Self.series([600, 580, 560, 540])  // -10/s, 540 left → 54 s
        guard case .draining(let pm, let eta) = QueueTrend.from(pts, now: 6) else {
            Issue.record("expected draining")
            return
        }
        #expect(abs(pm + 600) < 0.001)
        #expect(abs(eta - 54) < 0.001)
    }

    @Test func flatNonEmptyForThirtySecondsIsStalled() {
        let pts = Self.series(Array(repeating: 42, count: 20))  // 38 s flat
        #expect(QueueTrend.from(pts, now: 38) == .stalled(forSeconds: 38))
        #expect(QueueTrend.from(Array(pts.prefix(5)), now: 8) == .steady)
    }

    @Test func emptyAndInitializing() {
        #expect(QueueTrend.from(Self.series([0, 0, 0]), now: 4) == .empty)
        #expect(QueueTrend.from(Self.series([5]), now: 0) == .initializing)
        #expect(QueueTrend.from([], now: 0) == .initializing)
    }

    @Test func oneNoisySampleDoesNotFlipADrain() {
        let pts = Self.series([1000, 980, 990, 960, 940, 950, 920])
        guard case .draining = QueueTrend.from(pts, now: 12) else {
            Issue.record("expected draining")
            return
        }
    }

    @Test func onlyTheWindowCounts() {
        // old growth, recent drain: the verdict follows the last 120 s
        let old = Self.series([0, 500, 1000], step: 60)
        let recent = (0..<10).map { Series.Point(time: 200 + Double($0) * 10, value: 1000 - Double($0) * 50) }
        guard case .draining = QueueTrend.from(old + recent, now: 290) else {
            Issue.record("expected draining")
            return
        }
    }
}

@Suite struct SeriesTests {
    @Test func ringBufferIsBoundedAndOrdered() {
        var s = Series(capacity: 3)
        for i in 0..<10 { s.append(time: Double(i), value: Double(i * 10)) }
        #expect(s.count == 3)
        #expect(s.points.map(\.value) == [70, 80, 90])
        #expect(s.last?.value == 90)
        #expect(s.lastValues(2) == [80, 90])
        #expect(s.points(since: 9).map(\.value) == [90])
    }

    /// Sparkline buckets: aligned to the wall clock, last or mean per bucket, gaps repeat the previous value,
    /// nothing before the first point, and only the last bucket moves until the next boundary.
    @Test func bucketsAreWallClockAligned() {
        var s = Series(capacity: 100)
        for (t, v) in [(21.0, 1.0), (24, 3), (29, 5), (31, 7), (52, 9)] { s.append(time: t, value: v) }
        #expect(s.buckets(10, seconds: 10, now: 55, .last) == [5, 7, 7, 9], "20s, 30s, 40s (gap), 50s")
        #expect(s.buckets(10, seconds: 10, now: 55, .mean) == [3, 7, 7, 9])
        #expect(s.buckets(2, seconds: 10, now: 55, .last) == [7, 9], "the last n buckets only")
        #expect(
            s.buckets(3, seconds: 10, now: 75, .last) == [9, 9, 9], "quiet buckets up to now repeat the last value")
        let before = s.buckets(4, seconds: 10, now: 55, .last)
        s.append(time: 56, value: 11)
        #expect(Array(s.buckets(4, seconds: 10, now: 56, .last).dropLast()) == Array(before.dropLast()))
        #expect(Series(capacity: 3).buckets(5, seconds: 10, now: 1, .last).isEmpty)
    }
}

@Suite struct FormatTests {
    @Test func numbers() {
        #expect(Format.count(0) == "0")
        #expect(Format.count(1234) == "1,234")
        #expect(Format.count(-1_234_567) == "-1,234,567")
        #expect(Format.count(12_345_678) == "12M")
        #expect(Format.compact(1530) == "1.5k")
        #expect(Format.rate(0.01) == "0")
        #expect(Format.rate(3.14) == "3.1")
        #expect(Format.bytes(512) == "512B")
        #expect(Format.bytes(1536) == "1.5KiB")
    }

    @Test func durations() {
        #expect(Format.duration(45) == "45s")
        #expect(Format.duration(90) == "1m30s")
        #expect(Format.duration(360) == "6m")
        #expect(Format.duration(4800) == "1h20m")
        #expect(Format.duration(3 * 86400 + 4 * 3600) == "3d4h")
        #expect(Format.clock(3661) == "01:01:01")
    }
}

@Suite struct BurstThenDrainTests {
    /// The demo's shape: 20 s of burst (+45/s), then draining (-12/s). Ten seconds into the drain the
    /// verdict must already be "draining", with an ETA from the drain rate, not the burst.
    @Test func drainRightAfterABurstReadsAsDrain() {
        var pts: [Series.Point] = []
        var depth = 0.0
        for t in stride(from: 0.0, through: 60, by: 2) {
            depth += t <= 20 ? 90 : -24
            pts.append(.init(time: t, value: depth))
        }
        guard case .draining(let pm, let eta) = QueueTrend.from(pts, now: 60) else {
            Issue.record("expected draining, got \(QueueTrend.from(pts, now: 60))")
            return
        }
        #expect(abs(pm + 720) < 1)
        #expect(abs(eta - depth / 12) < 1)
    }
}

@Suite struct TurnTests {
    /// 20 s of growth then 8 s of drain: the 30 s regression is still positive, but the queue is draining.
    @Test func aFreshTurnWinsOverTheWindow() {
        var pts: [Series.Point] = []
        var depth = 100.0
        for t in stride(from: 0.0, through: 28, by: 2) {
            depth += t <= 20 ? 60 : -40
            pts.append(.init(time: t, value: depth))
        }
        guard case .draining = QueueTrend.from(pts, now: 28) else {
            Issue.record("expected draining, got \(QueueTrend.from(pts, now: 28))")
            return
        }
    }

    @Test func noiseInsideASteadyClimbDoesNotFlipIt() {
        let values: [Double] = [100, 130, 160, 190, 220, 250, 280, 310, 340, 335, 360, 390, 420]
        let pts = values.enumerated().map { Series.Point(time: Double($0.offset * 2), value: $0.element) }
        guard case .growing = QueueTrend.from(pts, now: 24) else {
            Issue.record("expected growing, got \(QueueTrend.from(pts, now: 24))")
            return
        }
    }
}
