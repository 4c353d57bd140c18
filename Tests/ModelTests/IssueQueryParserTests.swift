import Testing

@testable import Model

/// The search syntax subset: each accepted query's terms, and each rejected one's message.
struct IssueQueryParserTests {
    typealias T = IssueQuery.Term

    static let accepted: [(String, [IssueQuery.Clause])] = [
        ("is:unresolved", [.init(.status(0, substatus: nil))]),
        ("is:archived", [.init(.status(2, substatus: nil))]),
        ("is:ignored", [.init(.status(2, substatus: nil))]),
        ("is:new is:regressed", [.init(.status(0, substatus: 7)), .init(.status(0, substatus: 6))]),
        ("is:escalating", [.init(.status(0, substatus: 2))]),
        ("!is:resolved", [.init(.status(1, substatus: nil), negated: true)]),
        ("is:unassigned", [.init(.assigned(.none))]),
        ("is:assigned", [.init(.anyAssignee)]),
        ("is:for_review is:bookmarked", [.init(.forReview), .init(.bookmarked)]),
        ("level:error", [.init(.level(40))]),
        ("level:WARNING", [.init(.level(30))]),
        ("project:api", [.init(.project("api"))]),
        ("assigned:me", [.init(.assigned(.me))]),
        ("assigned:Dana@Example.com", [.init(.assigned(.email("dana@example.com")))]),
        ("assigned:#Backend", [.init(.assigned(.team("backend")))]),
        ("age:-24h", [.init(.age(seconds: 86400, within: true))]),
        ("age:+7d", [.init(.age(seconds: 604_800, within: false))]),
        ("lastSeen:-1h", [.init(.lastSeen(seconds: 3600, within: true))]),
        ("timesSeen:>100", [.init(.timesSeen(.gt, 100))]),
        ("timesSeen:<=5", [.init(.timesSeen(.le, 5))]),
        ("timesSeen:7", [.init(.timesSeen(.eq, 7))]),
        ("KeyError user_id", [.init(.text("KeyError user_id"))]),
        ("\"database down\" level:fatal", [.init(.level(50)), .init(.text("database down"))]),
        ("!timeout", [.init(.text("timeout"), negated: true)]),
        ("", []),
    ]

    @Test(arguments: accepted)
    func accepts(_ input: String, _ clauses: [IssueQuery.Clause]) throws {
        let q = try IssueQueryParser.parse(input).get()
        #expect(q.clauses == clauses)
        #expect(q.source == input)
    }

    static let rejected: [(String, String)] = [
        ("is:bogus", "is:bogus is not known"),
        ("level:loud", "is not a level"),
        ("colour:red", "unknown filter colour:"),
        ("age:24h", "use -24h"),
        ("age:-24y", "use -24h"),
        ("timesSeen:>lots", "use a number"),
        ("timesSeen:-1", "use a number"),
        ("assigned:bob", "use me, none"),
        ("project:a;drop", "is not a project slug"),
        ("\"unterminated", "unterminated quote"),
        ("!", "negates nothing"),
        ("is:", "needs a value"),
        (String(repeating: "level:error ", count: 17), "too many terms"),
        (String(repeating: "x", count: 201), "longer than 200"),
    ]

    @Test(arguments: rejected)
    func rejectsWithAClearMessage(_ input: String, _ fragment: String) {
        switch IssueQueryParser.parse(input) {
        case .success(let q): Issue.record("accepted \(input) as \(q.clauses)")
        case .failure(let f): #expect(f.message.contains(fragment), "\(f.message)")
        }
    }

    @Test func constrainsStatusOnlyForPositiveStatusTerms() throws {
        #expect(try IssueQueryParser.parse("is:resolved").get().constrainsStatus)
        #expect(try !IssueQueryParser.parse("!is:resolved").get().constrainsStatus)
        #expect(try !IssueQueryParser.parse("level:error").get().constrainsStatus)
    }
}
