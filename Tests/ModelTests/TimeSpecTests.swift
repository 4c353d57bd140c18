import Testing

@testable import Model

/// The times a replay takes: relative steps, epoch seconds, local wall-clock times and ISO-8601.
@Suite struct TimeSpecTests {
    // 2026-11-30T02:47:10Z
    static let t = Double(CivilTime.days(year: 2026, month: 11, day: 30) * 86400 + 2 * 3600 + 47 * 60 + 10)

    static func at(_ s: String, offset: Int = 0) -> Double? {
        TimeSpec.resolve(s, forward: 1000, backward: t, latest: t, utcOffset: offset)
    }

    @Test func relativeTimesCountFromTheirBase() {
        #expect(Self.at("+90s") == 1090)
        #expect(Self.at("+1h30m") == 6400, "\(String(describing: Self.at("+1h30m")))")
        #expect(Self.at("-30m") == Self.t - 1800)
        #expect(Self.at("-2d") == Self.t - 2 * 86400)
        #expect(Self.at("+") == nil)
        #expect(Self.at("-5x") == nil)
    }

    @Test func epochSecondsAndISO() {
        #expect(Self.at("1796000000") == 1_796_000_000)
        #expect(Self.at("2026-11-30T02:47:10Z") == Self.t)
        #expect(Self.at("2026-11-30 02:47:10Z") == Self.t)
        #expect(Self.at("2026-11-30T03:47:10+01:00") == Self.t)
        #expect(Self.at("2026-11-29T21:47:10-0500") == Self.t)
        #expect(Self.at("2026-11-30T02:47:10.5Z") == Self.t + 0.5)
        // Without a zone: local time.
        #expect(Self.at("2026-11-30T03:47:10", offset: 3600) == Self.t)
        #expect(Self.at("2026-11-30") == Self.t - (2 * 3600 + 47 * 60 + 10))
        #expect(Self.at("2026-13-30T02:47Z") == nil)
        #expect(Self.at("2026-11-30X02:47") == nil)
    }

    @Test func aWallClockTimeIsTheLatestNotAfterTheEnd() {
        #expect(Self.at("02:47:10") == Self.t)
        #expect(Self.at("02:40") == Self.t - 430)
        // Later in the day than the recording's end: yesterday's.
        #expect(Self.at("03:00") == Self.t - 86400 + 770)
        // Local time two hours east of UTC: 04:47 local is 02:47 UTC.
        #expect(Self.at("04:47:10", offset: 7200) == Self.t)
        #expect(Self.at("24:00") == nil)
        #expect(Self.at("2:47") == nil)
    }

    @Test func civilTimeRoundTrips() {
        let c = CivilTime(Self.t)
        #expect(c.date == "2026-11-30" && c.time == "02:47:10" && c.compact == "20261130-024710")
        #expect(CivilTime(-1).date == "1969-12-31")
        #expect(CivilTime(951_782_400).date == "2000-02-29")
    }
}
