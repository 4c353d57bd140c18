import Foundation
import TestSupport
import Testing

@testable import Model
@testable import Probes

extension LiveServers {
    /// The console under a dedicated role, as the README advises, against the real server: without
    /// pg_read_all_stats other roles' sessions are counted as hidden (not dropped, not a 0), without SELECT on
    /// Sentry's tables the Database panel still works and names what it cannot read; granted, all is visible.
    @Suite(.enabled(if: TestBed.enabled, "needs scripts/servers (SENTRY_CONSOLE_TEST_*)"), .serialized)
    struct MonitoringRoleTests {
        static let role = "sc_monitor_test"

        func source() -> PostgresSource {
            let conninfo = TestBed.pg.replacingOccurrences(of: "user=postgres", with: "user=\(Self.role)")
            var c = PostgresSource.Configuration(conninfo: conninfo)
            c.connectTimeoutS = 2
            return PostgresSource(c)
        }

        @Test func hiddenSessionsAndUnreadableTablesAreSaidNotZeroed() async throws {
            try TestBed.psql(
                "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(Self.role)') THEN "
                    + "CREATE ROLE \(Self.role) LOGIN; END IF; END$$")
            try TestBed.psql("REVOKE pg_read_all_stats FROM \(Self.role)")
            let inTx = try PsqlSession("sc-monitor-intx")
            defer { inTx.close() }
            inTx.send("BEGIN; SELECT 1;")
            _ = try #require(try await inTx.pid())

            let plain = try await source().sample().get()
            #expect(plain.count(state: "hidden") >= 1, "\(plain.byState)")
            #expect(plain.count(state: "idle in transaction") == 0, "not visible to this role")
            #expect(plain.total == plain.byState.reduce(0) { $0 + $1.count })
            #expect(plain.install.deniedTables?.contains("sentry_groupedmessage") == true, "\(plain.install)")
            #expect(plain.install.latestMigration == nil, "django_migrations is not read without SELECT")
            #expect(plain.latestIssueSeen == nil, "last_seen is not read without SELECT")
            let query = try IssueQueryParser.parse("is:unresolved").get()
            let issues = await source().issues(query, sort: .lastSeen, me: nil, limit: 10)
            if case .failure(let e) = issues {
                #expect(e.message.contains("cannot read sentry_groupedmessage") && !e.isUnreachable, "\(e)")
            } else {
                Issue.record("the issue stream read a table this role may not read")
            }

            // `check` says what it could not see, so an OK is not read as "no idle transaction".
            let conninfo = TestBed.pg.replacingOccurrences(of: "user=postgres", with: "user=\(Self.role)")
            let check = try await Subprocess.runDetached([
                LiveServerEnvironment.binary, "check", "--interval", "2", "--pg", conninfo, "--redis",
                "redis://127.0.0.1:\(TestBed.redisPort)/0",
            ])
            #expect(check.out.contains("Postgres sessions of other roles are hidden"), "\(check.out)\(check.err)")
            #expect(check.out.contains("no SELECT on sentry_groupedmessage"), "\(check.out)")

            try TestBed.psql("GRANT pg_read_all_stats TO \(Self.role)")
            defer { _ = try? TestBed.psql("REVOKE pg_read_all_stats FROM \(Self.role)") }
            let granted = try await source().sample().get()
            #expect(granted.count(state: "hidden") == 0, "\(granted.byState)")
            #expect(granted.count(state: "idle in transaction") >= 1, "\(granted.byState)")
        }
    }
}
