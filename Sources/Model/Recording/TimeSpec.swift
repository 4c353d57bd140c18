/// The times a replay understands, as an operator types them: `+90s` / `-30m` (from a base), epoch seconds,
/// `02:47[:10]` (local wall-clock time, the latest such moment not after `latest`), and ISO-8601 dates
/// (`2026-11-30T02:47`, `2026-11-30 02:47:10Z`, `…+01:00`; local time without a zone).
public enum TimeSpec {
    /// The epoch time `text` names, or nil when it names none. `+` counts from `forward`, `-` from `backward`.
    public static func resolve(
        _ text: String, forward: Double, backward: Double, latest: Double, utcOffset: Int
    ) -> Double? {
        let t = text.trimmingSpaces()
        if t.hasPrefix("+") { return duration(String(t.dropFirst())).map { forward + $0 } }
        if t.hasPrefix("-") { return duration(String(t.dropFirst())).map { backward - $0 } }
        if let epoch = Double(t), t.count >= 9 { return epoch }
        if let c = clock(t) {
            // The latest moment at that local wall-clock time not after `latest`.
            let local = latest + Double(utcOffset)
            let day = (local / 86400).rounded(.down) * 86400
            var candidate = day + c - Double(utcOffset)
            if candidate > latest { candidate -= 86400 }
            return candidate
        }
        return iso(t, utcOffset: utcOffset)
    }

    /// `90`, `90s`, `5m`, `1h30m`, `2d`, `1w`: seconds.
    public static func duration(_ text: String) -> Double? {
        var total = 0.0
        var number = ""
        var sawUnit = false
        for ch in text {
            if ch.isNumber || ch == "." {
                number.append(ch)
                continue
            }
            guard let unit = unitSeconds(ch), let n = Double(number) else { return nil }
            total += n * unit
            number = ""
            sawUnit = true
        }
        if !number.isEmpty {
            guard let n = Double(number) else { return nil }
            total += n
        } else if !sawUnit {
            return nil
        }
        return total
    }

    /// Seconds in one `s`, `m`, `h`, `d` or `w` (the units of durations here and in Sentry's search).
    public static func unitSeconds(_ unit: Character) -> Double? {
        switch unit {
        case "s": return 1
        case "m": return 60
        case "h": return 3600
        case "d": return 86400
        case "w": return 604_800
        default: return nil
        }
    }

    /// `HH:MM` or `HH:MM:SS`: seconds into the day.
    static func clock(_ text: String) -> Double? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }),
            let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60
        else { return nil }
        let s = parts.count == 3 ? Int(parts[2]) ?? 60 : 0
        guard s < 60 else { return nil }
        return Double(h * 3600 + m * 60 + s)
    }

    /// `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]][Z|±HH[:]MM]`; a date alone is its midnight.
    static func iso(_ text: String, utcOffset: Int) -> Double? {
        let chars = Array(text)
        guard chars.count >= 10, chars[4] == "-", chars[7] == "-",
            let y = Int(String(chars[0..<4])), let mo = Int(String(chars[5..<7])), let d = Int(String(chars[8..<10])),
            (1...12).contains(mo), (1...31).contains(d)
        else { return nil }
        var rest = String(chars[10...])
        var offset = utcOffset
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            offset = 0
            rest.removeLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = rest[rest.index(after: sign)...].filter { $0 != ":" }
            guard zone.count == 4, let hh = Int(zone.prefix(2)), let mm = Int(zone.suffix(2)) else { return nil }
            offset = (hh * 3600 + mm * 60) * (rest[sign] == "-" ? -1 : 1)
            rest = String(rest[..<sign])
        }
        var seconds = 0.0
        if !rest.isEmpty {
            guard rest.first == "T" || rest.first == " " else { return nil }
            let time = rest.dropFirst()
            let whole = time.split(separator: ".", maxSplits: 1)
            guard let c = clock(String(whole.first ?? "")) else { return nil }
            seconds = c + (whole.count == 2 ? Double("0." + whole[1]) ?? 0 : 0)
        }
        return Double(CivilTime.days(year: y, month: mo, day: d)) * 86400 + seconds - Double(offset)
    }
}
