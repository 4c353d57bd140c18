/// Parses the subset of Sentry's issue search syntax the console supports into an `IssueQuery`.
/// Errors are values with a message fit for the filter line; nothing here can crash or run away.
public enum IssueQueryParser {
    public struct Failure: Error, Equatable, Sendable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    static let keys = ["is", "level", "project", "assigned", "age", "lastSeen", "timesSeen"]

    public static func parse(_ input: String) -> Result<IssueQuery, Failure> {
        let tokens: [String]
        switch tokenize(input) {
        case .success(let t): tokens = t
        case .failure(let f): return .failure(f)
        }
        var clauses: [IssueQuery.Clause] = []
        var words: [String] = []
        var negatedWords: [String] = []
        for raw in tokens {
            var token = Substring(raw)
            let negated = token.hasPrefix("!")
            if negated { token = token.dropFirst() }
            guard !token.isEmpty else { return .failure(Failure("a lone ! negates nothing")) }
            if let colon = token.firstIndex(of: ":"), token.first != "\"" {
                let key = String(token[..<colon])
                let value = unquote(String(token[token.index(after: colon)...]))
                guard let canonical = keys.first(where: { $0.lowercased() == key.lowercased() }) else {
                    return .failure(
                        Failure("unknown filter \(key): (try \(keys.map { $0 + ":" }.joined(separator: " ")))"))
                }
                guard !value.isEmpty else { return .failure(Failure("\(canonical): needs a value")) }
                switch term(canonical, value) {
                case .success(let t): clauses.append(.init(t, negated: negated))
                case .failure(let f): return .failure(f)
                }
            } else if negated {
                negatedWords.append(unquote(String(token)))
            } else {
                words.append(unquote(String(token)))
            }
        }
        let phrase = words.joined(separator: " ")
        if !phrase.isEmpty { clauses.append(.init(.text(phrase))) }
        for w in negatedWords { clauses.append(.init(.text(w), negated: true)) }
        if clauses.count > IssueQuery.maxClauses {
            return .failure(Failure("too many terms (at most \(IssueQuery.maxClauses))"))
        }
        for c in clauses {
            if case .text(let t) = c.term, t.count > IssueQuery.maxText {
                return .failure(Failure("search text longer than \(IssueQuery.maxText) characters"))
            }
        }
        return .success(IssueQuery(clauses: clauses, source: input))
    }

    static func term(_ key: String, _ value: String) -> Result<IssueQuery.Term, Failure> {
        switch key {
        case "is":
            switch value.lowercased() {
            case "unresolved": return .success(.status(0, substatus: nil))
            case "resolved": return .success(.status(1, substatus: nil))
            case "archived", "ignored", "muted": return .success(.status(2, substatus: nil))
            case "new": return .success(.status(0, substatus: IssueStatus.Sub.new))
            case "ongoing": return .success(.status(0, substatus: IssueStatus.Sub.ongoing))
            case "regressed": return .success(.status(0, substatus: IssueStatus.Sub.regressed))
            case "escalating": return .success(.status(0, substatus: IssueStatus.Sub.escalating))
            case "unassigned": return .success(.assigned(.none))
            case "assigned": return .success(.anyAssignee)
            case "for_review", "inbox": return .success(.forReview)
            case "bookmarked": return .success(.bookmarked)
            default:
                return .failure(
                    Failure(
                        "is:\(value) is not known (unresolved resolved archived new ongoing regressed escalating assigned unassigned for_review bookmarked)"
                    ))
            }
        case "level":
            guard let l = IssueLevel.value(value) else {
                return .failure(Failure("level:\(value) is not a level (fatal error warning info debug sample)"))
            }
            return .success(.level(l))
        case "project":
            guard value.count <= 100, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                return .failure(Failure("project:\(value) is not a project slug"))
            }
            return .success(.project(value.lowercased()))
        case "assigned":
            switch value.lowercased() {
            case "me": return .success(.assigned(.me))
            case "none": return .success(.assigned(.none))
            default:
                if value.hasPrefix("#"), value.count > 1 {
                    return .success(.assigned(.team(String(value.dropFirst()).lowercased())))
                }
                if value.contains("@"), value.count <= 200 { return .success(.assigned(.email(value.lowercased()))) }
                return .failure(Failure("assigned:\(value) — use me, none, an email or #team"))
            }
        case "age", "lastSeen":
            guard let (seconds, within) = relative(value) else {
                return .failure(Failure("\(key):\(value) — use -24h (within) or +7d (older than); units m h d w"))
            }
            return .success(
                key == "age" ? .age(seconds: seconds, within: within) : .lastSeen(seconds: seconds, within: within))
        default:  // timesSeen
            let ops: [IssueQuery.Comparison] = [.ge, .le, .gt, .lt, .eq]
            var op = IssueQuery.Comparison.eq
            var rest = Substring(value)
            if let o = ops.first(where: { rest.hasPrefix($0.rawValue) }) {
                op = o
                rest = rest.dropFirst(o.rawValue.count)
            }
            guard let n = Int64(rest), n >= 0, n < Int64(Int32.max) else {
                return .failure(Failure("timesSeen:\(value) — use a number with > >= < <= ="))
            }
            return .success(.timesSeen(op, n))
        }
    }

    /// `-24h` → (86400, within: true); `+7d` → (604800, within: false).
    static func relative(_ value: String) -> (Int, Bool)? {
        guard let sign = value.first, sign == "-" || sign == "+" else { return nil }
        let body = value.dropFirst()
        guard let unit = body.last, let n = Int(body.dropLast()), n > 0, n <= 100_000 else { return nil }
        // Sentry's units: minutes to weeks (no seconds).
        guard unit != "s", let scale = TimeSpec.unitSeconds(unit) else { return nil }
        return (n * Int(scale), sign == "-")
    }

    /// Splits on spaces outside double quotes; an unterminated quote is an error.
    static func tokenize(_ input: String) -> Result<[String], Failure> {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        for c in input {
            if c == "\"" {
                quoted.toggle()
                current.append(c)
            } else if c.isWhitespace && !quoted {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if quoted { return .failure(Failure("unterminated quote")) }
        if !current.isEmpty { tokens.append(current) }
        return .success(tokens)
    }

    static func unquote(_ s: String) -> String {
        String(s.filter { $0 != "\"" })
    }
}
