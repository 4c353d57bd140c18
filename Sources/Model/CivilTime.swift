/// Calendar dates of epoch seconds without Foundation's time zones (which load ICU's data): proleptic
/// Gregorian, Howard Hinnant's algorithms, exact for every Int64 second.
public struct CivilTime: Equatable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    /// The date and time of `unix` seconds, `utcOffset` seconds east of UTC.
    public init(_ unix: Double, utcOffset: Int = 0) {
        let t = Int64(unix.rounded(.down)) + Int64(utcOffset)
        let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
        let secs = Int(t - days * 86400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = Int(doy - (153 * mp + 2) / 5 + 1)
        month = Int(mp < 10 ? mp + 3 : mp - 9)
        year = Int(yoe + era * 400) + (month <= 2 ? 1 : 0)
        hour = secs / 3600
        minute = secs / 60 % 60
        second = secs % 60
    }

    /// Days since 1970-01-01 of a date.
    public static func days(year y0: Int, month m: Int, day d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `2026-11-30`.
    public var date: String { "\(year)-\(Self.two(month))-\(Self.two(day))" }
    /// `02:47:13`.
    public var time: String { "\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))" }
    /// `20261130-024713` (file names that sort by time).
    public var compact: String {
        "\(year)\(Self.two(month))\(Self.two(day))-\(Self.two(hour))\(Self.two(minute))\(Self.two(second))"
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
