import Foundation
import TestSupport
import Testing

@testable import Model
@testable import Probes

extension LiveServers {
    /// Plan shape at scale: with 1 M issues across 200 projects (fixtures/large.sql, generated set-wise), no stream
    /// query of the Issues screen may sequentially scan `sentry_groupedmessage`. Timings are the benchmark's job
    /// (bench/issues_cost.py); this checks the plans, which do not depend on the machine.
    @Suite(.enabled(if: TestBed.enabled, "needs scripts/servers (SENTRY_CONSOLE_TEST_*)"), .serialized)
    struct IssuePlanIntegrationTests {
        static let db = Result { try TestDatabase.reuseOrCreate("sc_large", rows: 1_000_000, data: "large.sql") }

        static let searches: [(String, IssueSort)] = [
            ("is:unresolved", .lastSeen), ("is:unresolved", .timesSeen), ("is:unresolved", .firstSeen), ("", .lastSeen),
            ("is:resolved", .lastSeen), ("is:archived", .lastSeen), ("is:new", .lastSeen), ("is:regressed", .lastSeen),
            ("level:fatal is:unresolved", .lastSeen), ("project:project-7", .lastSeen),
            ("project:project-7 is:unresolved", .timesSeen),
            ("assigned:me", .lastSeen), ("assigned:#team3", .lastSeen), ("is:unassigned", .lastSeen),
            ("is:for_review", .lastSeen),
            ("is:bookmarked", .lastSeen), ("timesSeen:>5000", .lastSeen), ("age:-1h", .firstSeen),
            ("lastSeen:-10m", .lastSeen),
            ("failure 99", .lastSeen), ("!KeyError is:unresolved", .lastSeen),
        ]

        @Test(arguments: searches)
        func noSequentialScanOnTheIssueTable(_ search: String, _ sort: IssueSort) throws {
            let db = try Self.db.get()
            let conn = try PostgresConnection(.init(conninfo: db.conninfo))
            let schema = try IssueSchema.discover(conn)
            let q = try IssueQueryParser.parse(search).get()
            let built = try IssueStreamSQL.build(q, sort: sort, schema: schema, me: 7, limit: 200)
            let plan = try conn.query("EXPLAIN " + built.sql, built.params).compactMap { $0.first ?? nil }.joined(
                separator: "\n")
            #expect(!plan.contains("Seq Scan on sentry_groupedmessage"), "\(search) by \(sort):\n\(plan)")
            #expect(plan.contains("sentry_groupedmessage"), "the plan reads the issue table through an index")
            let rows = try conn.query(built.sql, built.params)
            #expect(rows.count <= 200)
        }
    }
}
