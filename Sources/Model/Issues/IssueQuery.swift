/// A parsed issue search: a conjunction of (possibly negated) terms from Sentry's search syntax, plus a sort.
/// Bounded by construction (at most `maxClauses` terms, text at most `maxText` characters), so no input can
/// produce an unbounded query.
public struct IssueQuery: Equatable, Sendable {
    public static let maxClauses = 16
    public static let maxText = 200

    public enum Comparison: String, Equatable, Sendable {
        case lt = "<"
        case le = "<="
        case gt = ">"
        case ge = ">="
        case eq = "="
    }

    /// Whom `assigned:` names.
    public enum Assignee: Equatable, Sendable {
        case me, none
        case email(String)
        case team(String)
    }

    public enum Term: Equatable, Sendable {
        /// `status` and optional `substatus` (is:unresolved, is:new, is:archived …).
        case status(Int, substatus: Int?)
        case assigned(Assignee)
        case anyAssignee
        case forReview
        case bookmarked
        case level(Int)
        case project(String)
        /// first_seen newer (`within` true) or older than `seconds` ago.
        case age(seconds: Int, within: Bool)
        case lastSeen(seconds: Int, within: Bool)
        case timesSeen(Comparison, Int64)
        /// Case-insensitive substring of title or culprit.
        case text(String)
    }

    public struct Clause: Equatable, Sendable {
        public var negated: Bool
        public var term: Term
        public init(_ term: Term, negated: Bool = false) {
            self.negated = negated
            self.term = term
        }
    }

    public var clauses: [Clause]
    /// The text as typed (for the filter line).
    public var source: String

    public init(clauses: [Clause], source: String) {
        self.clauses = clauses
        self.source = source
    }

    /// Sentry's default view.
    public static let defaultSource = "is:unresolved"

    /// True when some clause constrains `status` positively (so the implicit "listable only" is not needed).
    public var constrainsStatus: Bool {
        clauses.contains { if case .status = $0.term, !$0.negated { return true } else { return false } }
    }

    /// The positive free-text phrase, if any.
    public var text: String? {
        for c in clauses { if case .text(let t) = c.term, !c.negated { return t } }
        return nil
    }
}
