import Foundation
import TestSupport
import Testing

@testable import Model
@testable import Probes

extension LiveServers {
    /// `sentry-console check` against the real bed: exit codes and the alert lines for the seed's failure modes.
    @Suite(.enabled(if: CeleryBed.enabled, "needs scripts/testbed (TESTBED_*)"), .serialized)
    struct CheckCommandTests {
        /// Starts `check`; its stdout goes to `out`.
        func check(_ interval: Int, _ extra: [String] = [], to out: CaptureFile) throws -> Subprocess {
            try Subprocess.spawn(
                [
                    CeleryBed.binary, "check", "--interval", String(interval), "--pg", TestBed.pg,
                    "--redis", "redis://127.0.0.1:\(TestBed.redisPort)/0",
                ] + extra, stdout: out.fd)
        }

        @Test func frozenWorkerAndGrowingBacklogWarns() async throws {
            try await CeleryBed.drain(db: 0, queues: ["events.save_event"])
            try CeleryBed.freeze("sentry", true)
            defer { try? CeleryBed.freeze("sentry", false) }
            let out = CeleryBed.captureFile
            let run = try check(4, to: out)
            for _ in 0..<4 {
                try await CeleryBed.produce("sentry", ["--count", "25", "--seconds", "0.01"])
                try await Task.sleep(nanoseconds: 900_000_000)
            }
            let code = run.wait()
            let text = out.read()
            #expect(code == 1 || code == 2, "exit \(code): \(text)")
            #expect(text.contains("queue.backlog_growing events.save_event"), "\(text)")
            #expect(text.hasPrefix("SENTRY WARNING") || text.hasPrefix("SENTRY CRITICAL"))
            try CeleryBed.freeze("sentry", false)
            try await CeleryBed.drain(db: 0, queues: ["events.save_event"])
        }

        @Test func aWorkerThatFreezesDuringTheIntervalIsReportedOffline() async throws {
            defer { try? CeleryBed.freeze("generic", false) }
            let out = CeleryBed.captureFile
            let run = try Subprocess.spawn(
                [
                    CeleryBed.binary, "check", "--interval", "6", "--pg", TestBed.pg, "--redis",
                    "redis://127.0.0.1:\(TestBed.redisPort)/12", "--key-prefix", "gx:", "--no-sentry-queues",
                    "--inspect-workers", "--inspect-serializer", "json",
                ], stdout: out.fd)
            try await Task.sleep(nanoseconds: 1_500_000_000)  // the first sample (and its ping round) has run
            try CeleryBed.freeze("generic", true)
            let code = run.wait()
            try CeleryBed.freeze("generic", false)
            let text = out.read()
            #expect(code == 2, "exit \(code): \(text)")
            #expect(text.contains("CRITICAL worker.offline generic-1@"), "the only worker of its app is down: \(text)")
            #expect(text.contains("workers_alive=0"), "\(text)")
        }

        @Test func dbStormFiresTheConnectionAlert() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
                "sc-storm-\(UInt32.random(in: 0...UInt32.max))")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try "db-storm".write(to: dir.appendingPathComponent("scenario"), atomically: true, encoding: .utf8)
            let sim = try Subprocess.spawn(
                [CeleryBed.python, "-m", "testbed.simulate", "--var", dir.path, "--seconds", "8"],
                environment: CeleryBed.environment)
            defer {
                sim.kill(SIGTERM)
                sim.wait()
            }
            try await Task.sleep(nanoseconds: 3_000_000_000)
            let out = CeleryBed.captureFile
            let code = try check(1, ["--json"], to: out).wait()
            let json = try JSONSerialization.jsonObject(with: Data(out.read().utf8)) as? [String: Any]
            let alerts = json?["alerts"] as? [[String: Any]] ?? []
            #expect(code >= 1 && code <= 2, "exit \(code)")
            #expect(alerts.contains { $0["rule"] as? String == "db.connections" }, "\(alerts)")
            #expect(json?["code"] as? Int == Int(code))
            // A 1 s window is shorter than Postgres's statistics flush: no rate, no rate rule, and it says why.
            let notEvaluated = json?["notEvaluated"] as? [String: String] ?? [:]
            #expect(notEvaluated["events_per_s"] != nil && notEvaluated["ingest.stalled"] != nil, "\(notEvaluated)")
            #expect((json?["perfdata"] as? [String: Any])?["events_per_s"] == nil)
            #expect(!alerts.contains { $0["rule"] as? String == "ingest.stalled" })
        }

        @Test func sequentialScansOnALargeTableFireTheScanAlert() async throws {
            try TestBed.psql(
                """
                INSERT INTO sentry_activity (project_id, type, data)
                SELECT 1, 1, '{}' FROM generate_series(1, greatest(0, 20000 - (SELECT count(*) FROM sentry_activity)))
                """)
            try TestBed.psql("ANALYZE sentry_activity")
            let out = CeleryBed.captureFile
            let run = try check(12, to: out)
            for _ in 0..<24 {
                try TestBed.psql("SELECT count(*) FROM sentry_activity WHERE data LIKE '%needle%'")
                try await Task.sleep(nanoseconds: 400_000_000)
            }
            let code = run.wait()
            let text = out.read()
            #expect(code >= 1, "exit \(code): \(text)")
            #expect(text.contains("db.seq_scans sentry_activity"), "\(text)")
        }

        /// The page that must come: the only Sentry worker stops answering while a backlog builds.
        @Test func stalledWorkersAndABacklogAreCritical() async throws {
            try await CeleryBed.drain(db: 0, queues: ["events.save_event"])
            defer { try? CeleryBed.freeze("sentry", false) }
            let out = CeleryBed.captureFile
            let run = try check(6, ["--no-state", "--inspect-workers"], to: out)
            try await Task.sleep(nanoseconds: 1_500_000_000)  // the first ping round saw the worker alive
            try CeleryBed.freeze("sentry", true)
            try await CeleryBed.produce("sentry", ["--count", "40", "--seconds", "0.01"])
            let code = run.wait()
            try CeleryBed.freeze("sentry", false)
            let text = out.read()
            #expect(code == 2, "exit \(code): \(text)")
            #expect(text.hasPrefix("SENTRY CRITICAL"), "\(text)")
            #expect(text.contains("CRITICAL worker.offline sentry-1@"), "\(text)")
            #expect(text.range(of: #"queue_depth=[1-9]"#, options: .regularExpression) != nil, "\(text)")
            try await CeleryBed.drain(db: 0, queues: ["events.save_event"])
        }

        @Test func openSentryIncidentsAreListedButDoNotPage() async throws {
            try await CeleryBed.drain(db: 0, queues: ["events.save_event"])
            try TestBed.psql(
                """
                INSERT INTO sentry_incident (organization_id, identifier, status, type, title)
                SELECT id, 9901, 20, 2, 'Error rate of checkout > 5%' FROM sentry_organization LIMIT 1
                """)
            defer { try? TestBed.psql("DELETE FROM sentry_incident WHERE identifier = 9901") }
            let out = CeleryBed.captureFile
            let code = try check(2, ["--no-state"], to: out).wait()
            let text = out.read()
            #expect(code == 0, "an application's alert is not an outage of Sentry: \(text)")
            #expect(text.hasPrefix("SENTRY OK"), "\(text)")
            #expect(text.contains("INFO Sentry metric alert #9901 (critical"), "\(text)")
            let paged = CeleryBed.captureFile
            let code2 = try check(2, ["--no-state", "--sentry-incidents"], to: paged).wait()
            #expect(code2 == 2, "\(paged.read())")
        }

        /// The cron case: two 5 s checks minutes apart; the scans between them are seen through the state file.
        @Test func aShortCheckFromCronSeesScansMadeSinceTheLastRun() async throws {
            try TestBed.psql(
                """
                INSERT INTO sentry_activity (project_id, type, data)
                SELECT 1, 1, '{}' FROM generate_series(1, greatest(0, 20000 - (SELECT count(*) FROM sentry_activity)))
                """)
            try TestBed.psql("ANALYZE sentry_activity")
            let state = FileManager.default.temporaryDirectory.appendingPathComponent(
                "sc-check-\(UInt32.random(in: 0...UInt32.max)).json"
            ).path
            defer { try? FileManager.default.removeItem(atPath: state) }
            let first = CeleryBed.captureFile
            _ = try check(2, ["--state-file", state], to: first).wait()
            #expect(FileManager.default.fileExists(atPath: state), "\(first.read())")
            for _ in 0..<6 {
                try TestBed.psql("SELECT count(*) FROM sentry_activity WHERE data LIKE '%needle%'")
            }
            try await Task.sleep(nanoseconds: 11_000_000_000)
            let second = CeleryBed.captureFile
            let code = try check(2, ["--state-file", state], to: second).wait()
            let text = second.read()
            #expect(code >= 1, "exit \(code): \(text)")
            #expect(text.contains("db.seq_scans sentry_activity"), "\(text)")
            let without = CeleryBed.captureFile
            _ = try check(2, ["--no-state"], to: without).wait()
            #expect(
                !without.read().contains("db.seq_scans sentry_activity"), "without the state file a 2 s check cannot")
        }

        /// Self-hosted 25.9 keeps events out of Postgres: between two cron runs issues were seen but nodestore_node
        /// got no row, so events/s is not evaluated (never reported as 0) and says why.
        @Test func eventsStoredElsewhereAreNotReportedAsZero() async throws {
            let db = try TestDatabase.create("sc_check_elsewhere")
            defer { db.drop() }
            let state = FileManager.default.temporaryDirectory.appendingPathComponent(
                "sc-check-\(UInt32.random(in: 0...UInt32.max)).json"
            ).path
            defer { try? FileManager.default.removeItem(atPath: state) }
            func run() throws -> [String: Any] {
                let out = CeleryBed.captureFile
                _ = try Subprocess.spawn(
                    [
                        CeleryBed.binary, "check", "--interval", "4", "--json", "--pg", db.conninfo, "--redis",
                        "redis://127.0.0.1:\(TestBed.redisPort)/4", "--state-file", state,
                    ], stdout: out.fd
                ).wait()
                return try JSONSerialization.jsonObject(with: Data(out.read().utf8)) as? [String: Any] ?? [:]
            }
            _ = try run()
            // The last run is made to look three minutes old; since then an issue was seen, no event was stored.
            var memory = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: state))) as? [String: Any])
            memory["takenAt"] = (memory["takenAt"] as? Double ?? 0) - 180
            memory["latestIssueSeen"] = (memory["latestIssueSeen"] as? Double ?? 0) - 180
            try JSONSerialization.data(withJSONObject: memory).write(to: URL(fileURLWithPath: state))
            try db.psql(
                "UPDATE sentry_groupedmessage SET last_seen = now() WHERE id = (SELECT min(id) FROM sentry_groupedmessage)"
            )
            let second = try run()
            let notEvaluated = second["notEvaluated"] as? [String: String] ?? [:]
            #expect(notEvaluated["events_per_s"]?.contains("not stored in Postgres") == true, "\(second)")
            #expect((second["perfdata"] as? [String: Any])?["events_per_s"] == nil, "unknown is never 0")

            // A nodestore row since the last run: events are in Postgres, the rate is judged again.
            try db.psql("INSERT INTO nodestore_node (id, data, timestamp) VALUES (md5(random()::text), 'x', now())")
            try await Task.sleep(nanoseconds: 1_500_000_000)  // statistics are published about once a second
            memory = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: state))) as? [String: Any])
            memory["takenAt"] = (memory["takenAt"] as? Double ?? 0) - 180
            memory["latestIssueSeen"] = (memory["latestIssueSeen"] as? Double ?? 0) - 180
            try JSONSerialization.data(withJSONObject: memory).write(to: URL(fileURLWithPath: state))
            let third = try run()
            #expect((third["notEvaluated"] as? [String: String])?["events_per_s"] == nil, "\(third)")
            #expect((third["perfdata"] as? [String: Any])?["events_per_s"] != nil, "\(third)")
        }
    }
}
