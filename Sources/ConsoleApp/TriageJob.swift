import Model

/// One confirmed write: what, on which issues (captured when the confirmation opened), on which install.
public struct TriageJob: Equatable, Sendable {
    public let id: Int
    public let action: TriageAction
    public let targets: [TriageTarget]
    public let install: String
}
