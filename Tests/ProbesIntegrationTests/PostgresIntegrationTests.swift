import Foundation
import Testing

@testable import Model
@testable import Probes

extension LiveServers {
    /// Connections, locks, counters and session safety against a real PostgreSQL with the Sentry-shaped fixture.
    /// Real sessions (psql processes) create the idle, idle-in-transaction, active and lock-waiting backends.
    @Suite(.enabled(if: TestBed.enabled, "needs scripts/servers (SENTRY_CONSOLE_TEST_*)"), .serialized)
    struct PostgresIntegrationTests {
        func source(_ conninfo: String = TestBed.pg, timeoutMs: Int = 2000) -> PostgresSource {
            var c = PostgresSource.Configuration(conninfo: conninfo)
            c.statementTimeoutMs = timeoutMs
            c.connectTimeoutS = 2
            return PostgresSource(c)
        }

        /// Counts by state from psql, excluding psql's own backend and the console's.
        func groundTruth(excluding consolePid: Int) throws -> [String: Int] {
            let rows = try TestBed.psql(
                """
                SELECT coalesce(state, 'unknown'), count(*) FROM pg_stat_activity
                WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND pid <> \(consolePid) GROUP BY 1
                """)
            var out: [String: Int] = [:]
            for line in rows.split(whereSeparator: \.isNewline) {
                let parts = line.split(separator: "|")
                if parts.count == 2 { out[String(parts[0])] = Int(parts[1]) }
            }
            return out
        }

        @Test func connectionCountsAndLockWaitsMatchPgStatActivity() async throws {
            let tag = "sc-test-\(UInt32.random(in: 0...UInt32.max))"
            let idle = try PsqlSession("\(tag)-idle")
            let inTx = try PsqlSession("\(tag)-intx")
            let holder = try PsqlSession("\(tag)-holder")
            let waiter = try PsqlSession("\(tag)-waiter")
            let busy = try PsqlSession("\(tag)-busy")
            defer { for c in [idle, inTx, holder, waiter, busy] { c.close() } }
            idle.send("SELECT 1;")
            inTx.send("BEGIN; SELECT 1;")
            holder.send("BEGIN; LOCK TABLE sentry_team IN ACCESS EXCLUSIVE MODE;")
            let holderPid = try #require(try await holder.pid())
            waiter.send("SELECT count(*) FROM sentry_team;")
            busy.send("SELECT pg_sleep(30);")
            let waiterPid = try #require(try await waiter.pid())
            _ = try await busy.pid()

            let src = source()
            var snap: PostgresSnapshot?
            // Other suites open and close sessions concurrently (snapshot and check runs, consoles in tmux): accept a
            // sample only when ground truth is stable around it. The full parallel run is busiest at its start, and
            // 15 s once never saw a quiet moment in CI: 45 s (it ends as soon as one is seen).
            let settled = try await TestBed.eventually(45) {
                guard let s = try? await src.sample().get() else { return false }
                let before = try groundTruth(excluding: s.consolePid)
                let sample = try await src.sample().get()
                let after = try groundTruth(excluding: sample.consolePid)
                guard before == after, sample.lockWaits.contains(where: { $0.pid == waiterPid }) else { return false }
                snap = sample
                return Dictionary(uniqueKeysWithValues: sample.byState.map { ($0.name, $0.count) }) == after
            }
            #expect(settled, "snapshot counts never matched pg_stat_activity")
            let s = try #require(snap)
            #expect(s.count(state: "idle in transaction") >= 2, "inTx and the lock holder")
            #expect(s.count(state: "active") >= 2, "the lock waiter and pg_sleep")
            #expect(s.total == s.byState.reduce(0) { $0 + $1.count })
            let wait = try #require(s.lockWaits.first { $0.pid == waiterPid })
            #expect(wait.blockers.contains(holderPid))
            #expect(wait.query.hasPrefix("SELECT count(*) FROM sentry_team"))
            #expect(s.byApplication.contains { $0.name == "\(tag)-busy" && $0.count == 1 })
            #expect(!s.byApplication.contains { $0.name == "sentry-console" && $0.count > 0 && s.consolePid == 0 })
            // Per client address (the Workers screen): the same sample, by state.
            let local = try #require(s.byClientAddress.first { $0.address == "127.0.0.1" })
            #expect(s.byClientAddress.reduce(0) { $0 + $1.total } == s.total)
            #expect(local.idleInTransaction >= 2 && local.active >= 2, "\(local)")
            // Every application of the address is kept (the screen's "+N" counts the ones that do not fit).
            #expect(local.applications.filter { $0.name.hasPrefix(tag) }.count == 5, "\(local.applications)")
            let longest = try #require(s.longestTransaction)
            #expect(longest.seconds > 0)
            #expect(s.maxConnections == Int(try TestBed.psql("SHOW max_connections")))
        }

        @Test func sessionsAreReadOnlyNamedAndTimeBounded() throws {
            var settings = PostgresConnection.Settings(conninfo: TestBed.pg)
            settings.statementTimeoutMs = 300
            let conn = try PostgresConnection(settings)
            #expect(try conn.query("SHOW default_transaction_read_only").first?.first == "on")
            #expect(try conn.query("SHOW statement_timeout").first?.first == "300ms")
            #expect(try conn.query("SELECT current_setting('application_name')").first?.first == "sentry-console")
            do {
                _ = try conn.query("CREATE TABLE sc_must_not_exist (id int)")
                Issue.record("a write succeeded on a read-only session")
            } catch {
                #expect(error.sqlState == "25006")
            }
            do {
                _ = try conn.query("SELECT pg_sleep(5)")
                Issue.record("statement_timeout did not fire")
            } catch {
                #expect(error.sqlState == "57014")
            }
            #expect(try conn.query("SELECT $1::int + $2::int", ["2", "3"]).first?.first == "5")
        }

        @Test func noticesNeverReachStderr() throws {
            // libpq's default notice processor prints to stderr; ours must swallow them.
            let conn = try PostgresConnection(.init(conninfo: TestBed.pg))
            let pipe = Pipe()
            let saved = dup(STDERR_FILENO)
            dup2(pipe.fileHandleForWriting.fileDescriptor, STDERR_FILENO)
            _ = try conn.query("DO $$ BEGIN RAISE NOTICE 'hostile \u{1B}[2J notice'; RAISE WARNING 'warned'; END $$")
            dup2(saved, STDERR_FILENO)
            close(saved)
            try pipe.fileHandleForWriting.close()
            #expect(pipe.fileHandleForReading.readDataToEndOfFile().isEmpty)
        }

        @Test func insertCountersDriveRates() async throws {
            let src = source()
            let first = try await src.sample().get()
            let before = try #require(first.table("nodestore_node")).inserts
            let issuesBefore = try #require(first.table("sentry_groupedmessage")).inserts
            try TestBed.psql(
                """
                INSERT INTO nodestore_node (id, data, timestamp)
                  SELECT md5('rate:' || g || clock_timestamp()), 'x', now() FROM generate_series(1, 7) g;
                INSERT INTO sentry_groupedmessage (project_id, message, short_id)
                  SELECT 1, 'rate test', 900000 + (random() * 1e8)::bigint FROM generate_series(1, 2);
                """)
            var last = first
            let seen = try await TestBed.eventually(10) {
                last = try await src.sample().get()
                return (last.table("nodestore_node")?.inserts ?? 0) - before >= 7
            }
            #expect(seen)
            #expect((last.table("nodestore_node")?.inserts ?? 0) - before == 7)
            #expect((last.table("sentry_groupedmessage")?.inserts ?? 0) - issuesBefore == 2)
            var state = ConsoleState()
            state.apply(.postgres(.success(first), at: first.takenAt, retryAt: 0))
            state.apply(.postgres(.success(last), at: last.takenAt, retryAt: 0))
            #expect((state.events.state(now: last.takenAt).perSecond ?? 0) > 0)
        }

        @Test func installIsDetectedFromTheCatalog() async throws {
            let s = try await source().sample().get()
            var expected = SentryInstall(hasIssues: true, hasNodestore: true, latestMigration: "0640_index_together")
            expected.hasIncidents = true
            #expect(s.install == expected)
            #expect(s.openIncidents == [])
            #expect(s.install.tasksOnTaskbroker() == false)
        }

        /// The newest issue activity, which tells events stored elsewhere from no events: psql's max(last_seen).
        @Test func latestIssueSeenIsTheNewestLastSeen() async throws {
            let s = try await source().sample().get()
            let truth = try TestBed.psql("SELECT extract(epoch FROM max(last_seen)) FROM sentry_groupedmessage")
            let seen = try #require(s.latestIssueSeen)
            let expected = try #require(Double(truth))
            // The simulator or other suites may touch last_seen between the two reads: never backwards, rarely on.
            #expect(abs(seen - expected) < 5, "console \(seen) vs psql \(expected)")
        }

        @Test func reconnectsAfterItsBackendIsKilled() async throws {
            let src = source()
            let s = try await src.sample().get()
            try TestBed.psql("SELECT pg_terminate_backend(\(s.consolePid))")
            _ = await src.sample()  // may fail: the connection just died
            let again = try await src.sample().get()
            #expect(again.consolePid != s.consolePid)
        }

        @Test func unreachableAndHungServersFailFastWithoutSecrets() async throws {
            let start = Date()
            guard
                case .failure(let refused) = await source("postgresql://postgres:Sup3rS3cret@127.0.0.1:1/sentry")
                    .sample()
            else {
                Issue.record("expected a failure")
                return
            }
            #expect(refused.kind == .connect)
            #expect(!refused.message.contains("Sup3rS3cret"))
            let silent = try SilentServer()
            guard
                case .failure(let hung) = await source(
                    "host=127.0.0.1 port=\(silent.port) password=Sup3rS3cret dbname=x"
                ).sample()
            else {
                Issue.record("expected a failure")
                return
            }
            #expect(hung.kind == .connect)
            #expect(!hung.message.contains("Sup3rS3cret"))
            #expect(Date().timeIntervalSince(start) < 8, "connect_timeout bounds a silent server")
        }
    }
}
