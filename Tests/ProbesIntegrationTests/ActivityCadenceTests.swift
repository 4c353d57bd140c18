import Foundation
import Testing

@testable import Model
@testable import Probes

extension LiveServers {
    /// `pg_stat_activity` (O(backend slots) for the server) read every refresh while cheap and every few refreshes
    /// when not, its figures carried in between with their ages advanced; the reads counted by `pg_stat_statements`
    /// under a login role of the test's own.
    @Suite(.enabled(if: TestBed.enabled, "needs scripts/servers (SENTRY_CONSOLE_TEST_*)"), .serialized)
    struct ActivityCadenceTests {
        @Test func cheapEveryRefreshExpensiveCarriedWithAdvancedAges() throws {
            let inTx = try PsqlSession("sc-cadence-\(UInt32.random(in: 0...UInt32.max))")
            inTx.send("BEGIN; SELECT 1;")
            try TestBed.psql(
                """
                DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sc_cadence_test') THEN
                CREATE ROLE sc_cadence_test LOGIN; END IF; END$$;
                GRANT pg_monitor TO sc_cadence_test;
                GRANT SELECT ON ALL TABLES IN SCHEMA public TO sc_cadence_test;
                SELECT pg_stat_statements_reset('sc_cadence_test'::regrole)
                """)
            let conninfo = TestBed.pg.replacingOccurrences(of: "user=postgres", with: "user=sc_cadence_test")
            let conn = try PostgresConnection(.init(conninfo: conninfo))
            let install = try DatabaseProbe.install(conn)
            var activity: ActivityReading?
            var reads = 0
            func sample() throws -> PostgresSnapshot {
                let s = try DatabaseProbe.sample(conn, install: install, activity: &activity)
                if s.activityAt == nil { reads += 1 }
                return s
            }
            let first = try sample()
            #expect(first.activityAt == nil, "read in this sample")
            // Cheap (as with a few hundred backends): read again on the next refresh.
            activity?.costMs = 1
            #expect(try sample().activityAt == nil)
            // A slow read on a small server is load, not size: still read every refresh.
            activity?.costMs = 12
            #expect(try sample().activityAt == nil)
            // As on a server with 2,000 backends: 12 ms a read, 2.5 ms a refresh allowed: read every 5th.
            activity?.costMs = 12
            activity?.total = 2000
            var carried: [PostgresSnapshot] = []
            for _ in 0..<4 {
                Thread.sleep(forTimeInterval: 0.3)
                carried.append(try sample())
            }
            let readAt = try #require(carried.first?.activityAt)
            let firstAge = try #require(carried.first?.longestTransaction?.seconds)
            for s in carried {
                #expect(s.activityAt == readAt)
                #expect(s.total == carried[0].total)
                // The transaction's age keeps growing with each sample's time.
                let age = try #require(s.longestTransaction?.seconds)
                #expect(abs(age - (firstAge + s.takenAt - carried[0].takenAt)) < 0.01)
            }
            #expect(try sample().activityAt == nil, "the 5th refresh reads again")
            #expect(reads == 4)
            // The server agrees: four reads of pg_stat_activity by this role.
            _ = try conn.query("SELECT 1")
            let counted = try TestBed.psql(
                "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE userid = 'sc_cadence_test'::regrole "
                    + "AND query LIKE 'WITH a AS MATERIALIZED%'")
            #expect(counted.trimmingCharacters(in: .whitespacesAndNewlines) == "4")
            inTx.close()
        }
    }
}
