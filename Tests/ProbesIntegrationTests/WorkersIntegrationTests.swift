import Foundation
import TestSupport
import Testing

@testable import Model
@testable import Probes

extension LiveServers {
    /// The worker feeds against real Celery 5 workers (scripts/testbed): pidbox rounds for the pickle-only Sentry
    /// profile and the json generic profile, the celeryev listener, frozen and killed workers, a hostile peer.
    /// After every pidbox test Redis holds no reply list and no reply binding of ours.
    @Suite(.enabled(if: CeleryBed.enabled, "needs scripts/testbed (TESTBED_*)"), .serialized)
    struct WorkersIntegrationTests {
        static func pidbox(db: Int, prefix: String = "", serializer: String, timeout: Double = 1) throws -> PidboxClient
        {
            var c = PidboxClient.Configuration(
                endpoint: try RedisEndpoint.parse("redis://127.0.0.1:\(TestBed.redisPort)/\(db)"))
            c.keyPrefix = prefix
            c.serializer = serializer
            c.timeout = timeout
            return PidboxClient(c)
        }

        /// Node names `celery inspect ping` finds (Celery's own client, the app's serializer).
        static func celeryPing(_ profile: String) throws -> Set<String> {
            let code =
                "import json; from testbed.\(profile)_app import app; print(json.dumps(sorted((app.control.inspect(timeout=1.0).ping() or {}).keys())))"
            let r = try Subprocess.run([CeleryBed.python, "-c", code], environment: CeleryBed.environment)
            guard r.status == 0 else { throw TestBedError.failed("celery ping: \(r.err)") }
            return Set(try JSONDecoder().decode([String].self, from: Data(r.out.utf8)))
        }

        /// Keys and binding members a pidbox client could leave behind in `db`.
        static func strays(db: Int, prefix: String = "") throws -> [String] {
            let keys = try TestBed.redis(db, "--scan", "--pattern", "*reply.celery.pidbox*")
            let members = try TestBed.redis(db, "SMEMBERS", prefix + "_kombu.binding.reply.celery.pidbox")
            return (keys + "\n" + members).split(whereSeparator: \.isNewline).map(String.init).filter {
                !$0.hasSuffix("_kombu.binding.reply.celery.pidbox")
            }
        }

        /// A round polls its reply list instead of blocking on it: a blocked connection of ours would be counted
        /// in INFO's `blocked_clients`, which the idle-consumer estimate reads between CLIENT LIST readings.
        @Test func aRoundNeverBlocksInRedis() async throws {
            let client = try Self.pidbox(db: 13, serializer: "json", timeout: 1.5)  // no worker: the whole window
            let round = Task { await client.inspect() }
            var seen: [String] = []
            for _ in 0..<10 {
                try await Task.sleep(nanoseconds: 100_000_000)
                let ours = try TestBed.redis(0, "CLIENT", "LIST").split(separator: "\n").filter {
                    $0.contains("name=sentry-console-pidbox")
                }
                seen += ours.map(String.init)
            }
            _ = await round.value
            await client.finish()
            #expect(!seen.isEmpty, "the pidbox connection was never listed")
            let blocked = seen.filter {
                $0.contains(" flags=b") || $0.contains("cmd=brpop") || $0.contains("cmd=blpop")
            }
            #expect(blocked.isEmpty, "blocked while collecting: \(blocked.first ?? "")")
        }

        static func pid(_ profile: String) throws -> Int {
            let file = CeleryBed.env[profile == "sentry" ? "TESTBED_SENTRY_PIDFILE" : "TESTBED_GENERIC_PIDFILE"] ?? ""
            return Int(
                try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }

        @Test(arguments: [("sentry", 0, "", "pickle"), ("generic", 12, "gx:", "json")])
        func pidboxFindsEveryWorkerCeleryFindsAndLeavesNothing(
            profile: String, db: Int, prefix: String, serializer: String
        ) async throws {
            let truth = try Self.celeryPing(profile)
            #expect(!truth.isEmpty, "celery inspect ping found no \(profile) worker")
            let client = try Self.pidbox(db: db, prefix: prefix, serializer: serializer)
            let round = try await client.inspect().get()  // the first round also asks stats + active_queues
            let afterRound = try Self.strays(db: db, prefix: prefix)
            #expect(afterRound.isEmpty, "a round cleans up after itself (SREM, DEL), not only at exit: \(afterRound)")
            #expect(Set(round.replies.map(\.name)) == truth)
            #expect(round.problems.isEmpty, "\(round.problems)")
            #expect(round.receivers >= truth.count)
            let me = try #require(round.replies.first { $0.name.hasPrefix("\(profile)-1@") })
            #expect(me.pid == (try Self.pid(profile)), "stats.pid is the worker's main process")
            #expect(me.concurrency == 2)
            if profile == "sentry" {
                let declared = try Subprocess.run(
                    [
                        CeleryBed.python, "-c",
                        "from testbed.queues import SENTRY_QUEUES; print('\\n'.join(SENTRY_QUEUES))",
                    ],
                    environment: CeleryBed.environment
                ).out
                #expect(Set(me.queues ?? []) == Set(declared.split(whereSeparator: \.isNewline).map(String.init)))
            } else {
                #expect(me.queues == ["celery", "emails", "reports"])
            }
            let second = try await client.inspect().get()
            #expect(Set(second.replies.map(\.name)) == truth, "a plain ping round")
            await client.finish()
            let left = try Self.strays(db: db, prefix: prefix)
            #expect(left.isEmpty, "left behind: \(left)")
        }

        @Test func heartbeatsShowTheGenericWorkerAndItsFreezeWithinThreeRefreshes() async throws {
            var c = EventListener.Configuration(
                endpoint: try RedisEndpoint.parse("redis://127.0.0.1:\(TestBed.redisPort)/12"))
            c.keyPrefix = "gx:"
            let listener = EventListener(c)
            defer { listener.stop() }
            var state = ConsoleState(interval: 2)
            func refresh() throws {
                let now = Date().timeIntervalSince1970
                state.apply(.heartbeats(listener.drain(), at: now, retryAt: now + 2))
            }
            func generic() -> (WorkerRegistry.Worker, WorkerLiveness)? {
                state.workers.rows(now: Date().timeIntervalSince1970).first { $0.worker.name.hasPrefix("generic-1@") }
                    .map { ($0.worker, $0.liveness) }
            }
            var heard = false
            for _ in 0..<5 where !heard {
                try await Task.sleep(nanoseconds: 2_000_000_000)
                try refresh()
                heard = generic()?.1 == .alive
            }
            #expect(heard, "no heartbeat from generic-1 within 10 s")
            #expect(generic()?.0.pid == (try Self.pid("generic")))
            #expect(generic()?.0.software?.hasPrefix("py-celery 5.") == true)
            try CeleryBed.freeze("generic", true)
            defer { try? CeleryBed.freeze("generic", false) }
            var refreshes = 0
            while refreshes < 3, generic()?.1 == .alive {
                try await Task.sleep(nanoseconds: 2_000_000_000)
                try refresh()
                refreshes += 1
            }
            guard case .silent? = generic()?.1 else {
                Issue.record("still \(String(describing: generic()?.1)) after \(refreshes) refreshes")
                return
            }
            try CeleryBed.freeze("generic", false)
            #expect(
                try await TestBed.eventually(8) {
                    try refresh()
                    return generic()?.1 == .alive
                }, "alive again after SIGCONT")
        }

        @Test func aFrozenWorkerIsConnectedButSilentAndAKilledOneIsGone() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
                "sc-kill-\(UInt32.random(in: 0...UInt32.max))")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let pidfile = dir.appendingPathComponent("w.pid").path
            var env = CeleryBed.environment
            env["C_FORCE_ROOT"] = "1"
            let celery = URL(fileURLWithPath: CeleryBed.python).deletingLastPathComponent().appendingPathComponent(
                "celery"
            ).path
            let worker = try Subprocess.spawn(
                [
                    celery, "-A", "testbed.generic_app", "worker", "-Q", "emails", "-n", "doomed@%h", "-P", "solo",
                    "--without-heartbeat", "--without-gossip", "--without-mingle", "--pidfile", pidfile,
                    "--loglevel", "WARNING",
                ], environment: env)
            defer {
                worker.kill(SIGKILL)
                worker.wait()
            }
            let client = try Self.pidbox(db: 12, prefix: "gx:", serializer: "json")
            var state = ConsoleState(interval: 2)
            func round() async throws -> InspectRound {
                let r = try await client.inspect().get()
                state.apply(.inspection(.success(r), at: r.startedAt, retryAt: r.startedAt + 2))
                return r
            }
            func doomed() -> WorkerLiveness? {
                state.workers.rows(now: Date().timeIntervalSince1970).first { $0.worker.name.hasPrefix("doomed@") }?
                    .liveness
            }
            #expect(
                try await TestBed.eventually(20) {
                    _ = try await round()
                    return doomed() == .alive
                }, "the extra worker never answered")
            let pid = try #require(
                Int32(
                    try String(contentsOfFile: pidfile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                ))
            kill(pid, SIGSTOP)
            let frozen = try await round()
            #expect(frozen.silentReceivers >= 1)
            #expect(
                doomed()
                    == .silent(
                        since: state.workers.workers.values.first { $0.name.hasPrefix("doomed@") }!.lastPong!,
                        connected: true),
                "\(String(describing: doomed()))")
            kill(pid, SIGKILL)
            _ = try await TestBed.eventually(5) { try await round().silentReceivers == 0 }
            guard case .silent(_, connected: false)? = doomed() else {
                Issue.record("expected silent + connection gone, got \(String(describing: doomed()))")
                return
            }
            await client.finish()
            #expect(try Self.strays(db: 12, prefix: "gx:").isEmpty)
        }

        @Test func aHostilePeerAndASilentDbNeverCrashTheReader() async throws {
            // No worker at all on db 5: the round times out cleanly with nobody subscribed.
            let quiet = try Self.pidbox(db: 5, serializer: "pickle", timeout: 0.5)
            let none = try await quiet.inspect().get()
            #expect(none.receivers == 0 && none.replies.isEmpty)
            let peer = try Subprocess.spawn(
                [
                    CeleryBed.python, "-m", "testbed.hostile_worker", "--url",
                    "redis://127.0.0.1:\(TestBed.redisPort)/5",
                ],
                stdinPipe: false, environment: CeleryBed.environment)
            defer {
                peer.kill(SIGKILL)
                peer.wait()
            }
            var round: InspectRound?
            _ = try await TestBed.eventually(10) {
                round = try await quiet.inspect().get()
                return round?.receivers == 1 && round?.replies.isEmpty == false
            }
            #expect(round?.replies.map(\.name) == ["evil@test"], "the one valid pong is still read")
            #expect(
                (round?.problems.count ?? 0) >= 3,
                "garbage, a GLOBAL/REDUCE pickle and bad base64 are reported: \(round?.problems ?? [])")
            #expect(round?.problems.contains { $0.contains("builds Python objects") } == true)
            await quiet.finish()
            #expect(try Self.strays(db: 5).isEmpty)
        }

        @Test func aLateReplysOrphanListIsDeletedByTheNextRound() async throws {
            let client = try Self.pidbox(db: 5, serializer: "json", timeout: 0.5)
            let peer = try Subprocess.spawn(
                [
                    CeleryBed.python, "-m", "testbed.hostile_worker", "--url",
                    "redis://127.0.0.1:\(TestBed.redisPort)/5", "--late", "0.8",
                ],
                environment: CeleryBed.environment)
            defer {
                peer.kill(SIGKILL)
                peer.wait()
            }
            _ = try await TestBed.eventually(10) { try await client.inspect().get().receivers == 1 }
            try await Task.sleep(nanoseconds: 1_000_000_000)
            let orphans = try Self.strays(db: 5)
            #expect(orphans.count >= 1, "the late reply created a reply list after the round ended: \(orphans)")
            _ = try await client.inspect().get()  // deletes the previous rounds' lists first
            let left = try Self.strays(db: 5)
            #expect(Set(left).isDisjoint(with: orphans), "still there: \(left)")
            try await Task.sleep(nanoseconds: 1_000_000_000)
            await client.finish()
            #expect(try Self.strays(db: 5).isEmpty)
        }
    }
}
