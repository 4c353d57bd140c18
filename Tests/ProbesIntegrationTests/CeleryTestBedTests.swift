import Foundation
import TestSupport
import Testing

@testable import Model
@testable import Probes

extension LiveServers {
    /// Against real Celery 5 workers (scripts/testbed): the console's numbers equal ground truth read from Redis at
    /// the same moment, for Sentry's profile (pickle, protocol 1, db 0) and a generic one (json, protocol 2,
    /// priorities, key prefix, db 12). Workers are frozen with SIGSTOP where a still picture is needed.
    @Suite(.enabled(if: CeleryBed.enabled, "needs scripts/testbed (TESTBED_*)"), .serialized)
    struct CeleryTestBedTests {
        @Test func sentryProfileSnapshotEqualsGroundTruth() async throws {
            try await CeleryBed.drain(db: 0, queues: ["events.save_event", "post_process_errors"])
            // Long tasks so the worker reserves (prefetches) some: they sit in `unacked`.
            // 2 run, up to 8 are prefetched (concurrency 2 × multiplier 4), the rest wait in the lists.
            try await CeleryBed.produce("sentry", ["--count", "14", "--seconds", "2"])
            try await CeleryBed.produce(
                "sentry", ["--task", "sentry.tasks.post_process.post_process_group", "--count", "4", "--seconds", "2"])
            try await Task.sleep(nanoseconds: 1_500_000_000)
            try CeleryBed.freeze("sentry", true)
            defer { try? CeleryBed.freeze("sentry", false) }
            try await Task.sleep(nanoseconds: 300_000_000)

            let json = try CeleryBed.snapshotJSON(["--redis", "redis://127.0.0.1:\(TestBed.redisPort)/0"])
            let redis = try #require(json["redis"] as? [String: Any])
            #expect(redis["broker"] as? String == "celery")
            #expect(json["taskBackend"] as? String == "celery-redis")
            let queues = try #require(redis["queues"] as? [[String: Any]])
            let byName = Dictionary(uniqueKeysWithValues: queues.map { ($0["name"] as? String ?? "", $0) })
            for name in ["events.save_event", "post_process_errors", "default"] {
                let truth = try CeleryBed.llenSum(db: 0, key: name)
                #expect(
                    byName[name]?["depth"] as? Int == truth,
                    "\(name): console \(byName[name]?["depth"] ?? "nil"), LLEN \(truth)")
            }
            #expect(
                (byName["events.save_event"]?["depth"] as? Int ?? 0) > 0, "a backlog exists while the worker is frozen")
            #expect(redis["inFlight"] as? Int == Int(try TestBed.redis(0, "HLEN", "unacked")))
            #expect((redis["inFlight"] as? Int ?? 0) > 0, "the frozen worker holds prefetched messages")
            // In flight by routing key: element [2] of each `unacked` value, compared with Redis read directly.
            let groups = try #require(redis["inFlightByQueue"] as? [[String: Any]])
            var truthByKey: [String: Int] = [:]
            for tag in try TestBed.redis(0, "ZRANGE", "unacked_index", "0", "49").split(whereSeparator: \.isNewline) {
                let value = try TestBed.redis(0, "HGET", "unacked", String(tag))
                let array = try JSONSerialization.jsonObject(with: Data(value.utf8)) as? [Any]
                truthByKey[array?[2] as? String ?? "?", default: 0] += 1
            }
            let console = Dictionary(
                uniqueKeysWithValues: groups.map { ($0["routingKey"] as? String ?? "", $0["count"] as? Int ?? -1) })
            #expect(console == truthByKey, "console \(console) vs unacked \(truthByKey)")
            #expect(Set(console.keys).isSubset(of: ["events.save_event", "post_process_errors"]))
            #expect(
                byName["events.save_event"]?["nextTask"] as? String == "(pickled)", "protocol 1 pickle is never decoded"
            )
            #expect(
                byName["events.save_event"]?["source"] as? String == "binding", "found through _kombu.binding.default")

            try CeleryBed.freeze("sentry", false)
            #expect(try await CeleryBed.drain(db: 0, queues: ["events.save_event", "post_process_errors"]))
        }

        @Test func genericProfilePrioritiesPrefixAndDb() async throws {
            try CeleryBed.freeze("generic", true)
            defer { try? CeleryBed.freeze("generic", false) }
            for (priority, count) in [(0, 3), (5, 4), (9, 5)] {
                try await CeleryBed.produce(
                    "generic",
                    [
                        "--queue", "reports", "--priority", String(priority), "--count", String(count), "--seconds",
                        "0.05",
                    ])
            }
            var c = RedisSource.Configuration(
                endpoint: try RedisEndpoint.parse("redis://127.0.0.1:\(TestBed.redisPort)/12"))
            c.queues.keyPrefix = "gx:"
            c.queues.includeSentryQueues = false
            let src = RedisSource(c)
            _ = try await src.sample().get()
            let snap = try await src.sample().get()
            let reports = try #require(snap.queues.first { $0.name == "reports" })
            let truth = try ["", "\u{06}\u{16}3", "\u{06}\u{16}6", "\u{06}\u{16}9"].map {
                Int(try TestBed.redis(12, "LLEN", "gx:reports" + $0)) ?? -1
            }
            #expect(reports.byPriority == truth)
            // kombu buckets priority 5 into step 3. A worker frozen inside BRPOP still receives one message into its
            // socket: that one is in neither the list nor `unacked` (a wire fact, not a console error).
            #expect(Array(truth.dropFirst()) == [4, 0, 5])
            #expect((2...3).contains(truth[0]))
            #expect(reports.depth == truth.reduce(0, +))
            #expect(reports.nextTask == "sentry.tasks.store.save_event", "protocol 2: name from headers.task")
            #expect(Set(snap.queues.map(\.name)).isSuperset(of: ["celery", "reports", "emails"]))
            try CeleryBed.freeze("generic", false)
            #expect(try await TestBed.eventually(20) { try CeleryBed.llenSum(db: 12, key: "gx:reports") == 0 })
        }

        /// A Redis source on the Sentry profile's broker that watches events.save_event only.
        static func saveEventSource() throws -> RedisSource {
            var c = RedisSource.Configuration(
                endpoint: try RedisEndpoint.parse("redis://127.0.0.1:\(TestBed.redisPort)/0"))
            c.queues.includeSentryQueues = false
            c.queues.userQueues = ["events.save_event"]
            return RedisSource(c)
        }

        @Test func burstBuildsThenDrainsAcrossSamples() async throws {
            try await CeleryBed.drain(db: 0, queues: ["events.save_event"])
            let src = try Self.saveEventSource()
            var state = ConsoleState()
            var depths: [Int] = []
            var sawDrain = false
            for round in 0..<80 {
                if round < 6 { try await CeleryBed.produce("sentry", ["--count", "40", "--seconds", "0.05"]) }
                let s = try await src.sample().get()
                state.apply(.redis(.success(s), at: s.takenAt, retryAt: s.takenAt))
                let d = s.queues.first { $0.name == "events.save_event" }?.depth ?? -1
                depths.append(d)
                if case .draining(_, let eta) = state.trend(of: "events.save_event", now: s.takenAt), eta > 0 {
                    sawDrain = true
                }
                if round > 6 && d == 0 { break }
                try await Task.sleep(nanoseconds: 250_000_000)
            }
            let peak = depths.max() ?? 0
            #expect(peak > (depths.first ?? 0), "backlog grew: \(depths)")
            #expect(depths.last == 0, "backlog drained: \(depths)")
            #expect(sawDrain, "the model reported draining with an ETA: \(depths)")
        }

        @Test func waitingConsumersMatchClientList() async throws {
            try await CeleryBed.drain(db: 0, queues: ["events.save_event", "post_process_errors"])
            var c = RedisSource.Configuration(
                endpoint: try RedisEndpoint.parse("redis://127.0.0.1:\(TestBed.redisPort)/0"))
            c.queues.includeSentryQueues = false
            let src = RedisSource(c)
            var seen: Int?
            var truth = -1
            let agreed = try await TestBed.eventually(10) {
                seen = try await src.sample().get().waitingConsumerCount
                let list = try TestBed.redis(0, "CLIENT", "LIST")
                truth =
                    list.split(whereSeparator: \.isNewline).filter {
                        $0.contains(" db=0 ") && $0.contains("cmd=brpop") && $0.contains("flags=b")
                    }.count
                return seen == truth && truth >= 1
            }
            #expect(agreed, "console \(seen ?? -1) vs CLIENT LIST \(truth): the idle Sentry worker waits in BRPOP")
            var empty = RedisSource.Configuration(
                endpoint: try RedisEndpoint.parse("redis://127.0.0.1:\(TestBed.redisPort)/5"))
            empty.queues.includeSentryQueues = false
            #expect(try await RedisSource(empty).sample().get().waitingConsumerCount == 0, "no worker consumes db 5")
        }

        @Test func stalledWorkersYieldStalled() async throws {
            try await CeleryBed.drain(db: 0, queues: ["events.save_event"])
            try CeleryBed.freeze("sentry", true)
            defer { try? CeleryBed.freeze("sentry", false) }
            try await CeleryBed.produce("sentry", ["--count", "15", "--seconds", "0.01"])
            let src = try Self.saveEventSource()
            var state = ConsoleState()
            let start = Date()
            var trend = QueueTrend.initializing
            while Date().timeIntervalSince(start) < QueueTrend.stallAfter + 6 {
                let s = try await src.sample().get()
                state.apply(.redis(.success(s), at: s.takenAt, retryAt: s.takenAt))
                trend = state.trend(of: "events.save_event", now: s.takenAt)
                if case .stalled = trend { break }
                try await Task.sleep(nanoseconds: 1_000_000_000)
            }
            guard case .stalled(let secs) = trend else {
                Issue.record("expected stalled, got \(trend)")
                return
            }
            #expect(secs >= QueueTrend.stallAfter)
            try CeleryBed.freeze("sentry", false)
            #expect(try await CeleryBed.drain(db: 0, queues: ["events.save_event"]))
        }

        @Test func simulatorDbStormFillsConnectionsAndWritesEvents() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
                "sc-sim-\(UInt32.random(in: 0...UInt32.max))")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try "db-storm".write(to: dir.appendingPathComponent("scenario"), atomically: true, encoding: .utf8)
            let pg = PostgresSource(.init(conninfo: TestBed.pg))
            let before = try await pg.sample().get()
            let sim = try Subprocess.spawn(
                [CeleryBed.python, "-m", "testbed.simulate", "--var", dir.path, "--seconds", "6"],
                environment: CeleryBed.environment)
            var peak: PostgresSnapshot?
            let filled = try await TestBed.eventually(12) {
                let s = try await pg.sample().get()
                peak = s
                return Double(s.total) >= Double(s.maxConnections) * 0.8
            }
            #expect(filled, "db-storm never reached 80 % of max_connections (last total \(peak?.total ?? -1))")
            if let s = peak {
                // The storm still opens and closes connections: compare with psql's counts just before and just after
                // a console sample (the console must lie between them, ± the psql session itself).
                func truth() throws -> Int {
                    Int(
                        try TestBed.psql(
                            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND pid <> \(s.consolePid)"
                        )) ?? -1
                }
                let lo = try truth()
                let mid = try await pg.sample().get()
                let hi = try truth()
                #expect(
                    mid.total >= min(lo, hi) - 1 && mid.total <= max(lo, hi) + 1,
                    "console \(mid.total) vs psql \(lo)…\(hi)")
                #expect(s.byApplication.contains { $0.name == "sentry-web-storm" })
            }
            #expect(sim.wait() == 0)
            let after = try await pg.sample().get()
            #expect((after.table("nodestore_node")?.inserts ?? 0) > (before.table("nodestore_node")?.inserts ?? 0))
            #expect(after.total < (peak?.total ?? 0), "storm connections were released")
            try await CeleryBed.drain(db: 0, queues: ["events.save_event", "post_process_errors"])
        }
    }
}
