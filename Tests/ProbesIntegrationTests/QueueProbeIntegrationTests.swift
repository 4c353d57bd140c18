import Foundation
import Testing

@testable import Model
@testable import Probes

extension LiveServers {
    /// Queue depth, discovery, in-flight and peeks against a real Redis, compared with redis-cli ground truth.
    /// Each test owns one Redis db of the throwaway server and empties it first.
    @Suite(.enabled(if: TestBed.enabled, "needs scripts/servers (SENTRY_CONSOLE_TEST_*)"), .serialized)
    struct QueueProbeIntegrationTests {
        static let sep = "\u{06}\u{16}"

        func source(db: Int, prefix: String = "", queues: [String] = [], sentry: Bool = false) throws -> RedisSource {
            var c = RedisSource.Configuration(
                endpoint: try RedisEndpoint.parse("redis://127.0.0.1:\(TestBed.redisPort)/\(db)"))
            c.queues.keyPrefix = prefix
            c.queues.userQueues = queues
            c.queues.includeSentryQueues = sentry
            return RedisSource(c)
        }

        func groundTruthDepth(db: Int, key: String) throws -> Int {
            try [0, 3, 6, 9].reduce(0) { sum, p in
                sum + (Int(try TestBed.redis(db, "LLEN", p == 0 ? key : key + Self.sep + String(p))) ?? -1)
            }
        }

        @Test func depthsEqualLLENSumsIncludingPrioritySubLists() async throws {
            let db = 1
            try TestBed.redis(db, "FLUSHDB")
            try TestBed.redis(db, "SADD", "_kombu.binding.celery", "celery\(Self.sep)\(Self.sep)celery")
            try TestBed.redis(db, "SADD", "_kombu.binding.tasks", "other\(Self.sep)\(Self.sep)other")
            try TestBed.redis(db, "SADD", "_kombu.binding.celery.pidbox", "\(Self.sep)\(Self.sep)w1@host.celery.pidbox")
            try TestBed.redis(db, "LPUSH", "celery", "a", "b", "c")
            try TestBed.redis(db, "LPUSH", "celery\(Self.sep)3", "d", "e")
            try TestBed.redis(db, "LPUSH", "celery\(Self.sep)9", "f")
            try TestBed.redis(db, "LPUSH", "other\(Self.sep)6", "g", "h", "i", "j")
            try TestBed.redis(db, "LPUSH", "handmade", "k", "l")
            try TestBed.redis(db, "LPUSH", "undeclared", "m")

            let snap = try await source(db: db, queues: ["handmade"]).sample().get()
            #expect(snap.broker == .celery)
            let names = Set(snap.queues.map(\.name))
            #expect(names == ["celery", "other", "handmade"], "pidbox and undeclared lists are not task queues")
            for q in snap.queues {
                #expect(q.depth == (try groundTruthDepth(db: db, key: q.name)), "\(q.name)")
            }
            #expect(snap.queues.first { $0.name == "celery" }?.byPriority == [3, 2, 0, 1])
            #expect(snap.queues.first?.name == "celery", "deepest first")
            #expect(snap.queues.first { $0.name == "handmade" }?.source == .user)
        }

        /// An app with `priority_steps = list(range(10))` keeps a list per priority: with the steps configured every
        /// one is read; with kombu's default only 0, 3, 6, 9 are (what the app's transport options decide).
        @Test func configuredPriorityStepsAreRead() async throws {
            let db = 4  // shared with the attribution suite's sc-big: own keys, no FLUSHDB
            let lists = ["sc-steps", "sc-steps\(Self.sep)1", "sc-steps\(Self.sep)5", "sc-steps\(Self.sep)9"]
            _ = try TestBed.redis(db, "DEL", lists[0], lists[1], lists[2], lists[3])
            defer { _ = try? TestBed.redis(db, "DEL", lists[0], lists[1], lists[2], lists[3]) }
            try TestBed.redis(db, "LPUSH", lists[0], "a")
            try TestBed.redis(db, "LPUSH", lists[1], "b")
            try TestBed.redis(db, "LPUSH", lists[2], "c", "d")
            try TestBed.redis(db, "LPUSH", lists[3], "e")
            let byDefault = try await source(db: db, queues: ["sc-steps"]).sample().get()
            #expect(byDefault.queues.first { $0.name == "sc-steps" }?.depth == 2, "0 and 9 only")
            var c = RedisSource.Configuration(
                endpoint: try RedisEndpoint.parse("redis://127.0.0.1:\(TestBed.redisPort)/\(db)"))
            c.queues.userQueues = ["sc-steps"]
            c.queues.includeSentryQueues = false
            c.queues.prioritySteps = Array(0...9)
            let snap = try await RedisSource(c).sample().get()
            let q = snap.queues.first { $0.name == "sc-steps" }
            #expect(q?.depth == 5)
            #expect(q?.byPriority == [1, 1, 0, 0, 0, 2, 0, 0, 0, 1])
        }

        /// A Redis user whose ACL forbids SCAN (and CLIENT): the named queues are still read, and the snapshot says
        /// why bindings were not listed instead of failing as "unexpected SCAN reply".
        @Test func aUserWithoutScanStillReadsTheNamedQueues() async throws {
            let db = 4
            try TestBed.redis(
                db, "ACL", "SETUSER", "sc_noscan", "on", ">pw", "~*", "&*", "+@read", "+@connection",
                "-scan", "-client", "+info")
            defer { _ = try? TestBed.redis(db, "ACL", "DELUSER", "sc_noscan") }
            _ = try TestBed.redis(db, "DEL", "sc-noscan")
            defer { _ = try? TestBed.redis(db, "DEL", "sc-noscan") }
            try TestBed.redis(db, "LPUSH", "sc-noscan", "a", "b")
            var c = RedisSource.Configuration(
                endpoint: try RedisEndpoint.parse("redis://sc_noscan:pw@127.0.0.1:\(TestBed.redisPort)/\(db)"))
            c.queues.userQueues = ["sc-noscan"]
            c.queues.includeSentryQueues = false
            let snap = try await RedisSource(c).sample().get()
            #expect(snap.discoveryRefused?.contains("NOPERM") == true, "\(String(describing: snap.discoveryRefused))")
            #expect(snap.queues.first { $0.name == "sc-noscan" }?.depth == 2)
            #expect(snap.consumerHosts == nil, "CLIENT LIST refused: consumers unknown, not zero")
        }

        @Test func keyPrefixAndNonZeroDatabase() async throws {
            let db = 2
            try TestBed.redis(db, "FLUSHDB")
            try TestBed.redis(db, "SADD", "pfx:_kombu.binding.work", "jobs\(Self.sep)\(Self.sep)jobs")
            try TestBed.redis(db, "LPUSH", "pfx:jobs", "1", "2", "3")
            try TestBed.redis(db, "LPUSH", "pfx:jobs\(Self.sep)3", "4")
            try TestBed.redis(db, "LPUSH", "jobs", "unprefixed", "lists", "do", "not", "count")
            try TestBed.redis(0, "SADD", "pfx:_kombu.binding.work", "elsewhere\(Self.sep)\(Self.sep)elsewhere")
            defer { _ = try? TestBed.redis(0, "DEL", "pfx:_kombu.binding.work") }

            let snap = try await source(db: db, prefix: "pfx:").sample().get()
            #expect(snap.db == 2)
            #expect(snap.queues.map(\.name) == ["jobs"])
            #expect(snap.queues.first?.depth == (try groundTruthDepth(db: db, key: "pfx:jobs")))
            #expect(snap.queues.first?.depth == 4)
        }

        @Test func inFlightCountAndOldestAgeFromUnacked() async throws {
            let db = 3
            try TestBed.redis(db, "FLUSHDB")
            let now = Date().timeIntervalSince1970
            try TestBed.redis(db, "HSET", "unacked", "t1", "[{}, \"\", \"celery\"]", "t2", "[{}, \"\", \"celery\"]")
            try TestBed.redis(db, "ZADD", "unacked_index", String(now - 120), "t1", String(now - 5), "t2")
            let snap = try await source(db: db, queues: ["celery"]).sample().get()
            #expect(snap.inFlight == Int(try TestBed.redis(db, "HLEN", "unacked")))
            #expect(snap.inFlight == 2)
            let age = try #require(snap.oldestInFlightSeconds)
            #expect(age >= 119 && age < 130)
            #expect(snap.broker == .celery, "unacked alone proves a Celery broker")
        }

        @Test func nextTaskIsPeekedWithoutPoppingOrUnpickling() async throws {
            let db = 4
            try TestBed.redis(db, "FLUSHDB")
            let p2 =
                #"{"body": "W10=", "content-type": "application/json", "headers": {"task": "sentry.tasks.store.save_event"}, "properties": {"body_encoding": "base64"}}"#
            let pickled =
                #"{"body": "gAJ9cQAu", "content-type": "application/x-python-serialize", "headers": {}, "properties": {"body_encoding": "base64"}}"#
            try TestBed.redis(db, "LPUSH", "events.save_event", "newest-is-not-next", p2)
            try TestBed.redis(db, "RPUSH", "events.save_event", p2)
            try TestBed.redis(db, "LPUSH", "post_process_errors", pickled)
            let src = try source(db: db, queues: ["events.save_event", "post_process_errors"])
            _ = try await src.sample().get()  // learns which queues are deepest
            let snap = try await src.sample().get()
            #expect(snap.queues.first { $0.name == "events.save_event" }?.nextTask == "sentry.tasks.store.save_event")
            #expect(snap.queues.first { $0.name == "post_process_errors" }?.nextTask == "(pickled)")
            #expect(try TestBed.redis(db, "LLEN", "events.save_event") == "3", "peeking never removes messages")
        }

        @Test func noKombuKeysMeansAbsentNotZero() async throws {
            let db = 5
            try TestBed.redis(db, "FLUSHDB")
            try TestBed.redis(db, "SET", "some:other:key", "x")
            let snap = try await source(db: db, sentry: true).sample().get()
            #expect(snap.broker == .absent)
            #expect(snap.queues.count == SentryQueues.names.count)
        }

        /// A sub-list that holds messages at a full poll stays in every refresh; one that fills between full polls
        /// is counted at the next full poll (the documented 30 s bound).
        @Test func busyPrioritySubListsStayPolledBetweenFullPolls() async throws {
            let db = 3
            try TestBed.redis(db, "FLUSHDB")
            try TestBed.redis(db, "SADD", "_kombu.binding.jobs", "jobs\(Self.sep)\(Self.sep)jobs")
            try TestBed.redis(db, "LPUSH", "jobs\(Self.sep)6", "a", "b")
            var c = RedisSource.Configuration(
                endpoint: try RedisEndpoint.parse("redis://127.0.0.1:\(TestBed.redisPort)/\(db)"))
            c.queues.includeSentryQueues = false
            c.queues.fullPollEvery = 2
            let src = RedisSource(c)
            #expect(try await src.sample().get().queues.first?.depth == 2)
            try TestBed.redis(db, "LPUSH", "jobs\(Self.sep)6", "c")
            try TestBed.redis(db, "LPUSH", "jobs\(Self.sep)9", "d")
            let partial = try await src.sample().get()
            #expect(partial.queues.first?.byPriority == [0, 0, 3, 0], "the busy sub-list is read, the new one waits")
            try await Task.sleep(nanoseconds: 2_100_000_000)
            let fullPoll = try await src.sample().get()
            #expect(fullPoll.queues.first?.depth == (try groundTruthDepth(db: db, key: "jobs")))
            #expect(fullPoll.queues.first?.byPriority == [0, 0, 3, 1])
        }

        @Test func oneRoundTripForAllDepths() async throws {
            // A private server: the shared one also serves the real Celery workers, whose commands would count.
            let port = try TestBed.freePort()
            let stop = try TestBed.privateRedis(port: port)
            defer { stop() }
            var c = RedisSource.Configuration(endpoint: try RedisEndpoint.parse("redis://127.0.0.1:\(port)/0"))
            c.queues.userQueues = (0..<50).map { "q\($0)" }
            let src = RedisSource(c)
            func stats() throws -> String {
                try TestBed.run("redis-cli", ["-p", String(port), "INFO", "commandstats"])
            }
            let first = try await src.sample().get()  // first sample also runs discovery (SCAN)
            #expect((first.roundTrips ?? 0) > 1, "discovery costs its own round trips")
            let before = try stats()
            let steady = try await src.sample().get()
            let after = try stats()
            #expect(steady.roundTrips == 1, "every depth, INFO and CLIENT LIST in one pipeline")
            #expect((steady.pipelineMs ?? -1) >= 0)
            func calls(_ info: String, _ cmd: String) -> Int {
                guard
                    let line = info.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("cmdstat_\(cmd):") }
                    ),
                    let r = line.range(of: "calls=")
                else { return 0 }
                return Int(line[r.upperBound...].prefix { $0.isNumber }) ?? 0
            }
            // Between full polls (every 30 s) only each queue's main list is read: no sub-list held messages.
            #expect(calls(after, "llen") - calls(before, "llen") == 50 + SentryQueues.names.count)
            #expect(
                calls(after, "client|list") == calls(before, "client|list"), "CLIENT LIST every 10 s, not every refresh"
            )
            #expect(
                steady.consumerHosts != nil && steady.consumerHostsAt == first.consumerHostsAt, "carried, with its age")
            #expect(calls(after, "info") - calls(before, "info") == 2, "the probe's INFO plus redis-cli's own")
            #expect(calls(after, "scan") == calls(before, "scan"), "discovery is not repeated every refresh")
            #expect(calls(after, "keys") == 0)
        }

        @Test func unreachableThenRecoversWhenTheServerComesBack() async throws {
            let port = try TestBed.freePort()
            var c = RedisSource.Configuration(endpoint: try RedisEndpoint.parse("redis://:hunter2@127.0.0.1:\(port)/0"))
            c.connectTimeoutMs = 500
            let src = RedisSource(c)
            guard case .failure(let e) = await src.sample() else {
                Issue.record("expected a failure")
                return
            }
            #expect(e.kind == .connect)
            #expect(!e.message.contains("hunter2"))
            // Start a real server on that port and watch the same source reconnect.
            let stop = try TestBed.privateRedis(port: port, password: "hunter2")
            defer { stop() }
            let ok = try await TestBed.eventually(5) { (try? await src.sample().get()) != nil }
            #expect(ok)
        }

        @Test func hungServerTimesOutInsteadOfBlocking() async throws {
            let silent = try SilentServer()
            var c = RedisSource.Configuration(endpoint: try RedisEndpoint.parse("redis://127.0.0.1:\(silent.port)/0"))
            c.commandTimeoutMs = 500
            let start = Date()
            guard case .failure(let e) = await RedisSource(c).sample() else {
                Issue.record("expected a timeout")
                return
            }
            #expect(e.kind == .timeout)
            #expect(Date().timeIntervalSince(start) < 3)
        }
    }
}
