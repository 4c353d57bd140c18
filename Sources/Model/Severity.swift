/// How bad an alert is; also the Nagios exit code of `check` (0 OK, 1 WARNING, 2 CRITICAL; 3 UNKNOWN).
public enum Severity: Int, Sendable, Comparable, Codable, CaseIterable {
    case ok = 0
    case warning = 1
    case critical = 2
    case unknown = 3

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// Ordering for "worst first": critical > unknown > warning > ok.
    private var rank: Int {
        switch self {
        case .ok: return 0
        case .warning: return 1
        case .unknown: return 2
        case .critical: return 3
        }
    }

    public var label: String {
        switch self {
        case .ok: return "OK"
        case .warning: return "WARNING"
        case .critical: return "CRITICAL"
        case .unknown: return "UNKNOWN"
        }
    }
}
