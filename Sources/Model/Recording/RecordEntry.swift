/// One line of a recording: a probe result, an alert transition, or something the user did. Replay feeds the
/// events and silences to the same model the live console runs; transitions and actions are for the record.
public enum RecordEntry: Sendable {
    case event(ProbeEvent)
    /// The console's alert engine changed an alert's state (what the live console showed).
    case alert(AlertTransition)
    /// Someone acknowledged, snoozed or unsilenced an alert in this console.
    case silence(key: String, change: ConsoleState.SilenceChange, by: String, at: Double)
    /// A triage write this console made (the audit line's summary).
    case action(RecordedAction)
    /// The sampling interval from here on (written at every member's start and when `+`/`-` change it), so a
    /// replay's rates, staleness and sparkline buckets follow the live console's.
    case interval(seconds: Double, at: Double)

    /// When it happened.
    public var time: Double {
        switch self {
        case .event(let e): return e.time
        case .alert(let t): return t.at
        case .silence(_, _, _, let at): return at
        case .action(let a): return a.at
        case .interval(_, let at): return at
        }
    }
}

/// A triage write as a recording keeps it: who did what to which issues, and how it ended.
public struct RecordedAction: Sendable, Equatable, Codable {
    public var at: Double
    public var actor: String
    public var action: String
    public var targets: [String]
    /// "ok", or what failed (per target, joined).
    public var outcome: String

    public init(at: Double, actor: String, action: String, targets: [String], outcome: String) {
        self.at = at
        self.actor = actor
        self.action = action
        self.targets = targets
        self.outcome = outcome
    }
}
