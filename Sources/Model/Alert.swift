/// An alert the engine is tracking: pending (condition true, `for` not yet elapsed), firing, or resolved.
public struct Alert: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable { case pending, firing, resolved }

    public var rule: String
    public var subject: String
    public var severity: Severity
    public var state: State
    /// When the current state began.
    public var since: Double
    public var value: String
    public var threshold: String
    public var hint: String

    public var key: String { subject.isEmpty ? rule : "\(rule) \(subject)" }
}

/// One state change, for the history list.
public struct AlertTransition: Sendable, Equatable, Codable {
    public var at: Double
    public var key: String
    public var from: String
    public var to: String
    public var severity: Severity

    public init(at: Double, key: String, from: String, to: String, severity: Severity) {
        self.at = at
        self.key = key
        self.from = from
        self.to = to
        self.severity = severity
    }
}
