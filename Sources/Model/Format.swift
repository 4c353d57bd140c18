/// Human formatting for numbers, rates, durations and ages; every output is ASCII plus "…"/"~" and short
/// enough for fixed-width columns.
public enum Format {
    /// 1234 → "1,234"; 1234567 → "1.23M" once wider than `compactAbove` digits.
    public static func count(_ n: Int, compactAbove: Int = 9_999_999) -> String {
        if abs(n) > compactAbove { return compact(Double(n)) }
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// 1530 → "1.5k", 2_500_000 → "2.5M".
    public static func compact(_ v: Double) -> String {
        let a = abs(v)
        let sign = v < 0 ? "-" : ""
        switch a {
        case ..<999.5: return sign + fixed(a, a < 10 && a != a.rounded() ? 1 : 0)
        case ..<999_500: return sign + fixed(a / 1000, a < 9_950 ? 1 : 0) + "k"
        case ..<999_500_000: return sign + fixed(a / 1_000_000, a < 9_950_000 ? 1 : 0) + "M"
        default: return sign + fixed(a / 1_000_000_000, 1) + "G"
        }
    }

    /// A rate per second shown with sensible precision: "0", "0.4", "12", "1.2k".
    public static func rate(_ perSecond: Double) -> String {
        if perSecond.isNaN || perSecond.isInfinite { return "?" }
        if abs(perSecond) < 0.05 { return "0" }
        if abs(perSecond) < 10 { return fixed(perSecond, 1) }
        return compact(perSecond)
    }

    /// Seconds → "45s", "6m", "1h20m", "3d4h".
    public static func duration(_ seconds: Double) -> String {
        if seconds.isNaN || seconds.isInfinite { return "∞" }
        let s = Int(max(0, seconds).rounded())
        switch s {
        case ..<60: return "\(s)s"
        case ..<3600: return s % 60 == 0 || s >= 600 ? "\(s / 60)m" : "\(s / 60)m\(s % 60)s"
        case ..<86400: return (s % 3600) / 60 == 0 ? "\(s / 3600)h" : "\(s / 3600)h\((s % 3600) / 60)m"
        default: return (s % 86400) / 3600 == 0 ? "\(s / 86400)d" : "\(s / 86400)d\((s % 86400) / 3600)h"
        }
    }

    /// Seconds → one unit, as Sentry's stream writes ages: "45s", "6m", "2h", "89d", "3y"; at most 4 columns.
    public static func age(_ seconds: Double) -> String {
        if seconds.isNaN || seconds.isInfinite { return "∞" }
        let s = Int(max(0, seconds))
        switch s {
        case ..<60: return "\(s)s"
        case ..<3600: return "\(s / 60)m"
        case ..<86400: return "\(s / 3600)h"
        case ..<(1000 * 86400): return "\(s / 86400)d"
        default: return "\(s / (365 * 86400))y"
        }
    }

    /// A count for a narrow column: "9,999" whole, then "12k", "927k", "1.2M" (at most 5 columns).
    public static func tally(_ n: Int) -> String { count(n, compactAbove: 9_999) }

    /// Bytes → "512B", "1.5KiB", "230MiB".
    public static func bytes(_ n: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = Double(n)
        var i = 0
        while v >= 1024 && i < units.count - 1 {
            v /= 1024
            i += 1
        }
        return (i == 0 ? String(n) : fixed(v, v < 10 ? 1 : 0)) + units[i]
    }

    /// Wall-clock seconds since midnight UTC offset-adjusted → "HH:MM:SS".
    public static func clock(_ unix: Double, utcOffset: Int = 0) -> String {
        let s = (Int(unix) + utcOffset) % 86400
        let t = s < 0 ? s + 86400 : s
        return two(t / 3600) + ":" + two((t % 3600) / 60) + ":" + two(t % 60)
    }

    /// Fixed-point formatting without Foundation.
    /// A share 0…1 as whole percent: "71 %".
    public static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }

    public static func fixed(_ v: Double, _ decimals: Int) -> String {
        if decimals == 0 { return String(Int(v.rounded())) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((abs(v) * scale).rounded())
        let whole = scaled / Int(scale)
        var frac = String(scaled % Int(scale))
        while frac.count < decimals { frac = "0" + frac }
        return (v < 0 && scaled != 0 ? "-" : "") + "\(whole).\(frac)"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
