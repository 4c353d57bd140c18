/// One rule's verdict on one subject at one moment: the input of `AlertEngine`.
public struct AlertSignal: Sendable, Equatable {
    /// Rule id, e.g. "db.connections".
    public var rule: String
    /// What it is about: a queue or table name, or "" for the whole install.
    public var subject: String
    /// `.ok` means the condition does not hold (taking hysteresis into account).
    public var severity: Severity
    /// Seconds the condition must hold before the alert fires (0 fires at once).
    public var forSeconds: Double
    /// The current value and the threshold it crossed, both as display text.
    public var value: String
    public var threshold: String
    /// One-line runbook hint.
    public var hint: String

    public init(
        rule: String, subject: String = "", severity: Severity, forSeconds: Double = 0, value: String,
        threshold: String, hint: String
    ) {
        self.rule = rule
        self.subject = subject
        self.severity = severity
        self.forSeconds = forSeconds
        self.value = value
        self.threshold = threshold
        self.hint = hint
    }

    public var key: String { subject.isEmpty ? rule : "\(rule) \(subject)" }
}
