import Foundation
import Model
import TestSupport
import Testing

extension LiveServers {
    /// Backlog attribution on the real Celery bed: messages enqueued through Celery with Sentry's kwargs while
    /// the workers are stopped, read back by `snapshot --json` and compared with what was enqueued.
    @Suite(.enabled(if: CeleryBed.enabled, "needs scripts/testbed (TESTBED_*)"), .serialized)
    struct AttributionIntegrationTests {
        static let queues = ["events.save_event", "events.process_event", "post_process_errors", "sc-attr"]

        static func breakdown(_ json: [String: Any], _ queue: String) -> [String: Any] {
            (json["breakdowns"] as? [String: Any])?[queue] as? [String: Any] ?? [:]
        }

        static func count(_ list: Any?, _ key: String, _ value: AnyHashable) -> Int {
            ((list as? [[String: Any]]) ?? []).first { ($0[key] as? AnyHashable) == value }?["count"] as? Int ?? 0
        }

        /// Sentry's pickled protocol-1 messages: project from kwargs and from the cache key, issue and slug
        /// joined, the oldest message's age from start_time; the whole (short) queue is read, so counts are exact.
        @Test func sentryMessagesAreAttributedToTheirProjectAndIssue() async throws {
            try await CeleryBed.drain(db: 0, queues: Self.queues)
            try CeleryBed.freeze("sentry", true)
            defer { try? CeleryBed.freeze("sentry", false) }
            let (project, slug) = try Self.aProject()
            let (group, shortId) = try Self.anIssue()
            let enqueued = Date().timeIntervalSince1970 - 120
            try await CeleryBed.produce(
                "sentry",
                ["--project", String(project), "--count", "45", "--start-time", String(enqueued), "--seconds", "0.001"])
            try await CeleryBed.produce("sentry", ["--project", "999001", "--count", "15", "--seconds", "0.001"])
            try await CeleryBed.produce(
                "sentry",
                [
                    "--task", "sentry.tasks.store.process_event", "--project", String(project), "--count", "12",
                    "--seconds", "0.001",
                ])
            try await CeleryBed.produce(
                "sentry",
                [
                    "--task", "sentry.tasks.post_process.post_process_group", "--project", String(project), "--group",
                    String(group), "--count", "20", "--seconds", "0.001",
                ])
            let json = try CeleryBed.snapshotJSON(["--redis", "redis://127.0.0.1:\(TestBed.redisPort)/0"])
            // A BRPOP blocked before the freeze may have taken one message of each queue: compare with LLEN.
            let save = Self.breakdown(json, "events.save_event")
            let depth = try CeleryBed.llenSum(db: 0, key: "events.save_event")
            #expect(save["sampled"] as? Int == depth)
            #expect(Self.count(save["byProject"], "projectId", Int64(project)) + 15 >= depth - 1)
            #expect(Self.count(save["byProject"], "projectId", Int64(999_001)) == 15)
            let projects = save["byProject"] as? [[String: Any]] ?? []
            #expect(projects.first?["slug"] as? String == slug, "\(projects)")
            let age = save["oldestAgeSeconds"] as? Double ?? 0
            #expect(age >= 115 && age < 200, "oldest age from start_time: \(age)")
            let process = Self.breakdown(json, "events.process_event")
            #expect(
                Self.count(process["byProject"], "projectId", Int64(project)) >= 11, "project from the cache key")
            let post = Self.breakdown(json, "post_process_errors")
            #expect(Self.count(post["byIssue"], "groupId", Int64(group)) >= 19)
            let issues = post["byIssue"] as? [[String: Any]] ?? []
            #expect(issues.first?["shortId"] as? String == shortId, "\(issues)")
            try CeleryBed.freeze("sentry", false)
            try await CeleryBed.drain(db: 0, queues: Self.queues)
        }

        /// A queue longer than both ends: 200 messages read of 1,000, shares within the stated margin, and an
        /// object-building pickle counted (never evaluated) among them.
        @Test func aLongQueueIsSampledAtBothEndsWithinTheStatedMargin() async throws {
            try await CeleryBed.drain(db: 0, queues: Self.queues)
            try CeleryBed.freeze("sentry", true)
            defer { try? CeleryBed.freeze("sentry", false) }
            for _ in 0..<10 {
                try await CeleryBed.produce("sentry", ["--project", "999002", "--count", "80", "--seconds", "0.001"])
                try await CeleryBed.produce("sentry", ["--project", "999003", "--count", "20", "--seconds", "0.001"])
            }
            // At the newest end (a BRPOP blocked before the freeze may take the very first message pushed).
            try Self.pushObjectPickle(db: 0, key: "events.save_event")
            let json = try CeleryBed.snapshotJSON(["--redis", "redis://127.0.0.1:\(TestBed.redisPort)/0"])
            let b = Self.breakdown(json, "events.save_event")
            #expect(b["sampled"] as? Int == 200, "\(b)")
            #expect(b["objects"] as? Int == 1, "\(b)")
            let share = Double(Self.count(b["byProject"], "projectId", Int64(999_002))) / 199
            let margin = (b["marginPercent"] as? Double ?? 0) / 100
            #expect(margin > 0.04 && margin < 0.08)
            #expect(abs(share - 0.8) <= margin + 0.01, "share \(share) ± \(margin)")
            try TestBed.redis(0, "LREM", "events.save_event", "0", Self.objectEnvelope)
            try CeleryBed.freeze("sentry", false)
            try await CeleryBed.drain(db: 0, queues: Self.queues)
        }

        /// The generic app: JSON protocol 2, a key prefix, a priority sub-list, a user-named queue, and hostile
        /// strings in the kwargs — all read, nothing hostile printed.
        @Test func jsonProtocol2WithPrioritiesAndAPrefix() async throws {
            try CeleryBed.freeze("generic", true)
            defer { try? CeleryBed.freeze("generic", false) }
            try await CeleryBed.produce(
                "generic",
                [
                    "--queue", "sc-attr", "--project", "31", "--count", "10", "--priority", "5",
                    "--kwargs-json", #"{"note": "\u001b]52;c;bad\u0007", "cache_key": "e:x:31"}"#,
                ])
            try await CeleryBed.produce("generic", ["--queue", "sc-attr", "--project", "32", "--count", "5"])
            let args = [
                "--redis", "redis://127.0.0.1:\(TestBed.redisPort)/12", "--key-prefix", "gx:", "--no-sentry-queues",
                "--queue", "sc-attr",
            ]
            let json = try CeleryBed.snapshotJSON(args)
            let b = Self.breakdown(json, "sc-attr")
            #expect(b["sampled"] as? Int == 15, "\(b)")
            #expect(Self.count(b["byProject"], "projectId", Int64(31)) == 10)
            #expect(Self.count(b["byProject"], "projectId", Int64(32)) == 5)
            let text = try Subprocess.run([CeleryBed.binary, "snapshot", "--pg", TestBed.pg] + args)
            #expect(!text.out.contains("\u{1B}"), "no escape reaches the terminal")
            #expect(text.out.contains("sample 15"), "\(text.out)")
            try TestBed.redis(12, "DEL", "gx:sc-attr", "gx:sc-attr\u{06}\u{16}6", "gx:sc-attr\u{06}\u{16}3")
        }

        /// Big messages (100 kB each, a queue of another app's payloads): the sample shrinks to stay near 256 KiB
        /// per end (two messages, sized first by LINDEX at both ends), not 100 messages = 10 MB a read.
        @Test func bigMessagesShrinkTheSampleToAByteBudget() async throws {
            let db = 4  // free in the registry of test dbs (0–3, 5–15 are taken)
            _ = try TestBed.redis(db, "DEL", "sc-big")
            defer { _ = try? TestBed.redis(db, "DEL", "sc-big") }
            let fill = "for i = 1, 30 do redis.call('RPUSH', KEYS[1], string.rep('x', 100000)) end return 1"
            _ = try TestBed.redis(db, "EVAL", fill, "1", "sc-big")
            let json = try CeleryBed.snapshotJSON([
                "--redis", "redis://127.0.0.1:\(TestBed.redisPort)/\(db)", "--no-sentry-queues", "--queue", "sc-big",
            ])
            let b = Self.breakdown(json, "sc-big")
            #expect(b["depth"] as? Int == 30, "\(b)")
            #expect(b["sampled"] as? Int == 4, "2 per end of 100 kB: \(b)")
            #expect(b["undecodable"] as? Int == 4, "\(b)")
        }

        /// Sampling while the workers drain the queue: bounded, no failure.
        @Test func aQueueDrainingWhileSampledIsStillRead() async throws {
            try await CeleryBed.produce("sentry", ["--project", "999004", "--count", "300", "--seconds", "0.001"])
            for _ in 0..<3 {
                let json = try CeleryBed.snapshotJSON(["--redis", "redis://127.0.0.1:\(TestBed.redisPort)/0"])
                let sampled = Self.breakdown(json, "events.save_event")["sampled"] as? Int ?? 0
                #expect(sampled <= 300)
            }
            try await CeleryBed.drain(db: 0, queues: Self.queues)
        }

        static let objectEnvelope =
            #"{"body": "gASVAwEAAAAAAAB9lCiMBHRhc2uUjB1zZW50cnkudGFza3Muc3RvcmUuc2F2ZV9ldmVudJSMAmlklIwQc2Mtb2JqZWN0LXBpY2tsZZSMBGFyZ3OUXZSMBmt3YXJnc5R9lCiMCnByb2plY3RfaWSUjAdkZWNpbWFslIwHRGVjaW1hbJSTlIwBMZSFlFKUjAdzZWNvbmRzlEc/UGJN0vGp/HWMBWdyb3VwlE6MB3JldHJpZXOUSwCMA2V0YZROjAdleHBpcmVzlE6MA3V0Y5SIjAljYWxsYmFja3OUTowIZXJyYmFja3OUTowJdGltZWxpbWl0lE5OhpSMB3Rhc2tzZXSUTowFY2hvcmSUTnUu", "content-encoding": "binary", "content-type": "application/x-python-serialize", "headers": {}, "properties": {"body_encoding": "base64", "delivery_tag": "sc-object", "delivery_info": {"exchange": "", "routing_key": "events.save_event"}}}"#

        /// LPUSHes a complete protocol-1 save_event whose pickle builds a `decimal.Decimal` (GLOBAL + REDUCE):
        /// the console must count it without unpickling; a worker that receives it runs the harmless test task.
        static func pushObjectPickle(db: Int, key: String) throws {
            try TestBed.redis(db, "LPUSH", key, objectEnvelope)
        }

        static func aProject() throws -> (Int, String) {
            let row = try TestBed.psql("SELECT id, slug FROM sentry_project ORDER BY id LIMIT 1").split(separator: "|")
            return (Int(row[0]) ?? 1, String(row[1]))
        }

        static func anIssue() throws -> (Int, String) {
            let row = try TestBed.psql(
                "SELECT g.id, p.slug, g.short_id FROM sentry_groupedmessage g JOIN sentry_project p ON p.id = g.project_id ORDER BY g.id LIMIT 1"
            ).split(separator: "|")
            return (Int(row[0]) ?? 1, ShortId.display(slug: String(row[1]), shortId: Int64(row[2])) ?? "")
        }
    }
}
