import Model

/// Work the app core asks the runtime to do; the outcome, if any, comes back as an `AppEvent`.
public enum Effect: Equatable, Sendable {
    case quit(Int32)
    /// Start over on another named install (`:`): the runtime closes every connection and reconnects there.
    case switchContext(String)
    /// Sample now (a new query or sort, a faster interval, resume).
    case wake(SamplerID)
    case loadDetail(IssueRow)
    /// Read a project's client keys for the queue detail; answer `.probe(.projectKeys)`.
    case loadProjectKeys(Int64)
    /// Look up slugs and short ids for queue-breakdown ids; answer `.probe(.names)`.
    case resolveNames(projects: [Int64], issues: [Int64])
    /// Append the audit `begin` line; answer `.auditBegan`. No write happens before it succeeded.
    case auditBegin(TriageJob)
    /// Run the write, append the audit `end` line; answer `.triageFinished`.
    case writeTriage(TriageJob)
    /// Append an audit line saying the write's outcome is unknown (the console quit while it ran).
    case auditAbandoned(TriageJob)
    /// Audit, then publish an alert's silence to other consoles (write mode only); a failure answers
    /// `.silenceNotShared`.
    case shareSilence(key: String, silence: AlertEngine.Silence?)
    /// An alert was acknowledged, snoozed or unsilenced here (a recording keeps it; nothing else to do).
    case silenced(key: String, change: ConsoleState.SilenceChange, by: String, at: Double)
    case copy(String)
    case beep
    /// Forget what is on screen and repaint everything.
    case repaint
    /// Re-read the terminal size.
    case resize
    /// Draw a frame after `delayMs` (0: now); requests within the delay share one frame.
    case render(delayMs: Int)
}
