/// A triage change the console can make, mirroring what Sentry's UI offers (docs/reference/sentry-schema.md §5).
public enum TriageAction: Equatable, Sendable {
    public enum ArchiveMode: Equatable, Sendable {
        case forever, untilEscalating
        case forMinutes(Int)
        case untilEvents(Int)
    }

    public enum AssignTarget: Equatable, Sendable {
        case user(email: String)
        case team(slug: String)
    }

    case resolve
    case archive(ArchiveMode)
    case unresolve
    case assign(AssignTarget)
    case unassign
    case bookmark, unbookmark
    case markReviewed

    /// Words for the confirmation dialog and the audit log.
    public var label: String {
        switch self {
        case .resolve: return "resolve"
        case .archive(.forever): return "archive forever"
        case .archive(.untilEscalating): return "archive until escalating"
        case .archive(.forMinutes(let m)): return "archive for \(Format.duration(Double(m * 60)))"
        case .archive(.untilEvents(let n)): return "archive until \(n) more events"
        case .unresolve: return "unresolve"
        case .assign(.user(let e)): return "assign to \(e)"
        case .assign(.team(let t)): return "assign to #\(t)"
        case .unassign: return "unassign"
        case .bookmark: return "bookmark"
        case .unbookmark: return "remove bookmark"
        case .markReviewed: return "mark reviewed"
        }
    }

    /// One-word key for the audit log.
    public var kind: String {
        switch self {
        case .resolve: return "resolve"
        case .archive: return "archive"
        case .unresolve: return "unresolve"
        case .assign: return "assign"
        case .unassign: return "unassign"
        case .bookmark: return "bookmark"
        case .unbookmark: return "unbookmark"
        case .markReviewed: return "mark_reviewed"
        }
    }
}

/// One issue a triage action targets, captured when the confirmation opened: a later re-sort or refresh cannot
/// change it, and `expected` is the state the user saw (a different current state is a conflict, not overwritten).
public struct TriageTarget: Equatable, Sendable {
    public var id: Int64
    public var displayId: String
    public var expected: IssueStatus

    public init(id: Int64, displayId: String, expected: IssueStatus) {
        self.id = id
        self.displayId = displayId
        self.expected = expected
    }
}

/// What happened to one target.
public enum TriageOutcome: Equatable, Sendable {
    case applied
    /// The issue changed since it was displayed (or vanished); nothing was written.
    case skipped(String)
    case failed(String)

    public var word: String {
        switch self {
        case .applied: return "applied"
        case .skipped: return "skipped"
        case .failed: return "failed"
        }
    }
}
