import Console
import Model

/// Everything that can happen to the console: input, probe results, time, signals, and the outcomes of effects the
/// runtime carried out. The app core reduces each into state and effects.
public enum AppEvent: Sendable {
    case key(Key)
    case probe(ProbeEvent)
    /// Once a second: `for` durations and ages move with time.
    case tick
    case resized(width: Int, height: Int)
    /// SIGINT, SIGTERM, SIGHUP (or the terminal went away): quit with this exit code.
    case terminate(code: Int32)
    /// The audit log's `begin` line for write `id` was appended, or could not be (`problem`).
    case auditBegan(id: Int, problem: String?)
    /// Write `id` ran: one outcome per target; `auditProblem` when its `end` line could not be appended.
    case triageFinished(id: Int, outcomes: [TriageOutcome], auditProblem: String?)
    /// An acknowledgement could not be audited or shared with other consoles.
    case silenceNotShared(problem: String)
    /// `watch --record` could not write its recording (disk full, directory gone): it stopped; the console runs on.
    case recordingStopped(problem: String)
}
