/// Python logging levels as Sentry stores them in `level` (docs/reference/sentry-schema.md §3.2).
public enum IssueLevel {
    public static let names: [(Int, String)] = [
        (0, "sample"), (10, "debug"), (20, "info"), (30, "warning"), (40, "error"), (50, "fatal"),
    ]

    public static func name(_ level: Int) -> String {
        names.first { $0.0 == level }?.1 ?? String(level)
    }

    /// The short word a list column shows, by band (a custom level between two names takes the lower one).
    public static func word(_ level: Int) -> String {
        switch level {
        case 50...: return "fatal"
        case 40..<50: return "error"
        case 30..<40: return "warn"
        case 20..<30: return "info"
        default: return "debug"
        }
    }

    /// `warning` / `warn` / `error` … → the stored number.
    public static func value(_ name: String) -> Int? {
        let n = name.lowercased()
        if n == "warn" { return 30 }
        if n == "critical" { return 50 }
        return names.first { $0.1 == n }?.0
    }
}
