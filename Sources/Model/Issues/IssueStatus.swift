/// An issue's state as Sentry stores it: `status` and `substatus` read together (docs/reference/sentry-schema.md §3.1).
/// Statuses 3–6 (pending deletion/merge, reprocessing) are never listed; NULL substatus is tolerated.
public struct IssueStatus: Equatable, Hashable, Sendable, Codable {
    public var status: Int
    public var substatus: Int?

    public init(status: Int, substatus: Int?) {
        self.status = status
        self.substatus = substatus
    }

    public static let unresolved = 0, resolved = 1, ignored = 2
    public enum Sub {
        public static let untilEscalating = 1, escalating = 2, ongoing = 3, untilConditionMet = 4, forever = 5
        public static let regressed = 6, new = 7
    }

    /// A real, listable issue (not being deleted, merged or reprocessed).
    public var isListable: Bool { (0...2).contains(status) }

    /// Short name as Sentry's UI words it (archived for status 2).
    public var name: String {
        switch (status, substatus) {
        case (0, Sub.new): return "new"
        case (0, Sub.ongoing): return "ongoing"
        case (0, Sub.regressed): return "regressed"
        case (0, Sub.escalating): return "escalating"
        case (0, _): return "unresolved"
        case (1, _): return "resolved"
        case (2, Sub.untilEscalating): return "archived·esc"
        case (2, Sub.untilConditionMet): return "archived·until"
        case (2, Sub.forever): return "archived∞"
        case (2, _): return "archived"
        case (3, _): return "pending deletion"
        case (4, _): return "deleting"
        case (5, _): return "pending merge"
        case (6, _): return "reprocessing"
        default: return "status \(status)"
        }
    }

    /// `name` in at most 10 columns (the stream's status column), shortened by rule, never cut mid-word.
    public var compactName: String {
        switch (status, substatus) {
        case (2, Sub.untilEscalating): return "arch·esc"
        case (2, Sub.untilConditionMet): return "arch·until"
        case (3, _): return "pend·del"
        case (5, _): return "pend·merge"
        case (6, _): return "reprocess"
        default: return name.count <= 10 ? name : "status \(status)"
        }
    }

    /// Longer wording for the detail view.
    public var longName: String {
        switch (status, substatus) {
        case (2, Sub.untilEscalating): return "archived until escalating"
        case (2, Sub.untilConditionMet): return "archived until a condition is met"
        case (2, Sub.forever): return "archived forever"
        default: return name
        }
    }
}
