import Foundation
import TestSupport
import Testing

/// The real binary in a real terminal (tmux), against the real servers: keys in, screen out.
@Suite(.enabled(if: E2E.enabled, "needs scripts/servers and tmux"), .serialized)
struct ConsoleE2ETests {
    static let sep = "\u{06}\u{16}"

    /// Fresh Redis db with one declared queue, and the console's argv for it.
    func setUp(db: Int, pg: String = E2E.pg) throws -> [String] {
        try E2E.redis(db, "FLUSHDB")
        try E2E.redis(db, "SADD", "_kombu.binding.e2e", "e2e.jobs\(Self.sep)\(Self.sep)e2e.jobs")
        return [
            E2E.binary, "--pg", pg, "--redis", "redis://127.0.0.1:\(E2E.redisPort)/\(db)", "--no-sentry-queues",
            "--interval", "0.5",
        ]
    }

    static func row(_ screen: String, _ name: String) -> String? {
        screen.split(separator: "\n").first { $0.contains(name) }.map(String.init)
    }

    @Test func liveDepthChangesOnScreenAndQuitRestoresTheTerminal() async throws {
        let argv = try setUp(db: 7)
        let t = try Tmux(width: 100, height: 30, argv: argv)
        var (ok, screen) = await t.waitFor { $0.contains("1 empty queue · e lists them") }
        #expect(ok, "the empty queue is folded:\n\(screen)")
        try t.send("e")
        (ok, screen) = await t.waitFor {
            $0.contains("Queues") && Self.row($0, "e2e.jobs")?.contains(" 0 ") == true
        }
        #expect(ok, "overview with the queue never appeared:\n\(screen)")
        #expect(screen.contains("READ-ONLY"))
        #expect(screen.contains("Database"))
        #expect(screen.contains("Throughput"))

        try E2E.redis(7, "LPUSH", "e2e.jobs", "1", "2", "3", "4", "5")
        (ok, screen) = await t.waitFor { Self.row($0, "e2e.jobs")?.contains(" 5 ") == true }
        #expect(ok, "depth 5 never shown:\n\(screen)")
        try E2E.redis(7, "LPUSH", "e2e.jobs\(Self.sep)3", "6", "7", "8", "9", "10", "11", "12")
        // A sub-list that starts filling is found at the next full poll (every 10 s; DECISIONS 32).
        (ok, screen) = await t.waitFor(16) { Self.row($0, "e2e.jobs")?.contains(" 12 ") == true }
        #expect(ok, "depth 12 (with a priority sub-list) never shown:\n\(screen)")

        try t.send("q")
        let status = await t.waitForExit()
        #expect(status?.contains("EXIT=0") == true, "status: \(status ?? "none")")
        #expect(status?.contains("RESTORED") == true, "tty modes not restored")
        #expect(!t.screen.contains("READ-ONLY"), "alternate screen not left")
    }

    @Test func sigtermExitsCleanlyAndRestores() async throws {
        let t = try Tmux(width: 100, height: 30, argv: try setUp(db: 8))
        let (ok, _) = await t.waitFor { $0.contains("Queues") }
        #expect(ok)
        let pid = try #require(t.consolePid)
        kill(pid, SIGTERM)
        let status = await t.waitForExit()
        #expect(status?.contains("EXIT=143") == true, "status: \(status ?? "none")")
        #expect(status?.contains("RESTORED") == true)
    }

    @Test func deadPostgresIsShownWhileQueuesKeepUpdating() async throws {
        let t = try Tmux(width: 100, height: 30, argv: try setUp(db: 9, pg: "host=127.0.0.1 port=1 connect_timeout=2"))
        var (ok, screen) = await t.waitFor { $0.contains("unreachable since") && $0.contains("retrying in") }
        #expect(ok, "no outage banner:\n\(screen)")
        try E2E.redis(9, "LPUSH", "e2e.jobs", "a", "b", "c")
        (ok, screen) = await t.waitFor { Self.row($0, "e2e.jobs")?.contains(" 3 ") == true }
        #expect(ok, "queues stopped updating while Postgres is down:\n\(screen)")
        try t.send("q")
        #expect(await t.waitForExit()?.contains("EXIT=0") == true)
    }

    @Test func resizeBelowMinimumSaysSoAndRecovers() async throws {
        let t = try Tmux(width: 100, height: 30, argv: try setUp(db: 10))
        var (ok, _) = await t.waitFor { $0.contains("Queues") }
        #expect(ok)
        try t.resize(width: 60, height: 20)
        var screen: String
        (ok, screen) = await t.waitFor { $0.contains("terminal too small") }
        #expect(ok, "no too-small message:\n\(screen)")
        try t.resize(width: 120, height: 40)
        (ok, screen) = await t.waitFor { $0.contains("Queues") && $0.split(separator: "\n").first?.count ?? 0 > 100 }
        #expect(ok, "did not re-lay out at 120x40:\n\(screen)")
        try t.send("?")
        (ok, screen) = await t.waitFor { $0.contains("Help") && $0.contains("pause or resume") }
        #expect(ok, "help did not open")
        try t.send("Escape")
        (ok, _) = await t.waitFor { !$0.contains("pause or resume") }
        #expect(ok, "Esc did not close help")
        try t.send("q")
        #expect(await t.waitForExit()?.contains("EXIT=0") == true)
    }

    @Test func snapshotJSONAndExitCodes() throws {
        _ = try setUp(db: 11)
        let good = try Subprocess.run([
            E2E.binary, "snapshot", "--json", "--pg", E2E.pg,
            "--redis", "redis://127.0.0.1:\(E2E.redisPort)/11", "--no-sentry-queues",
        ])
        #expect(good.status == 0, "\(good.err)")
        let json = try JSONSerialization.jsonObject(with: Data(good.out.utf8)) as? [String: Any]
        #expect(json?["taskBackend"] as? String == "celery-redis")
        #expect((json?["postgres"] as? [String: Any])?["maxConnections"] as? Int != nil)
        let bad = try Subprocess.run([
            E2E.binary, "snapshot", "--pg", "host=127.0.0.1 port=1", "--redis", "redis://:pw0rd@127.0.0.1:1/0",
        ])
        #expect(bad.status == 2)
        #expect(bad.out.contains("postgres: UNREACHABLE"))
        #expect(bad.out.contains("redis: UNREACHABLE"))
        #expect(!(bad.out + bad.err).contains("pw0rd"))
        let usage = try Subprocess.run([E2E.binary, "--redis", "rediss://h:1/0"])
        #expect(usage.status != 0)
        #expect(usage.err.contains("TLS"))
    }
}

enum E2E {
    static var enabled: Bool { LiveServerEnvironment.enabled }
    static var pg: String { LiveServerEnvironment.pg }
    static var redisPort: String { LiveServerEnvironment.redisPort }
    static var binary: String { LiveServerEnvironment.binary }

    /// Pushes `count` Sentry-shaped messages of `project` into `queue` of Redis db `db` through Celery (the
    /// bed's generic app, key prefix `gx:`), as a producer would.
    static func produce(db: Int, queue: String, project: Int, count: Int) async throws {
        let env = ProcessInfo.processInfo.environment
        var e = env
        e["PYTHONPATH"] = env["TESTBED_ROOT"] ?? ""
        e["TESTBED_GENERIC_BROKER"] = "redis://127.0.0.1:\(redisPort)/\(db)"
        let r = try await Subprocess.runDetached(
            [
                env["TESTBED_PYTHON"] ?? "python3", "-m", "testbed.produce", "--profile", "generic", "--queue", queue,
                "--project", String(project), "--count", String(count),
            ], environment: e)
        guard r.status == 0 else { throw Subprocess.Failure(description: "produce: \(r.err)") }
    }

    @discardableResult
    static func redis(_ db: Int, _ args: String...) throws -> String {
        let r = try Subprocess.run(["redis-cli", "-p", redisPort, "-n", String(db)] + args)
        guard r.status == 0 else { throw Subprocess.Failure(description: r.err) }
        return r.out
    }
}

@Suite(.enabled(if: E2E.enabled, "needs scripts/servers and tmux"))
struct HangUpTests {
    /// A dropped SSH session closes the pty; only the session leader gets SIGHUP. The console must notice the
    /// dead terminal itself and exit instead of lingering.
    @Test func exitsWhenItsTerminalDisappears() async throws {
        try E2E.redis(13, "FLUSHDB")
        let marker = "sc-hangup-\(UInt32.random(in: 0...UInt32.max))"
        let t = try Tmux(
            width: 100, height: 30,
            argv: [
                E2E.binary, "--pg", E2E.pg, "--redis",
                "redis://127.0.0.1:\(E2E.redisPort)/13", "--queue", marker,
            ],
            leaderTrapsHangUp: true)
        let (ok, _) = await t.waitFor { $0.contains("Queues") }
        #expect(ok)
        let pid = try #require(t.consolePid)
        _ = try? t.tmux(["kill-server"])
        var alive = true
        for _ in 0..<50 where alive {
            try await Task.sleep(nanoseconds: 100_000_000)
            alive =
                kill(pid, 0) == 0
                && !((try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.contains(") Z ") ?? true)
        }
        #expect(!alive, "sentry-console \(pid) outlived its terminal")
        if alive { kill(pid, SIGKILL) }
    }
}

@Suite(.enabled(if: E2E.enabled, "needs scripts/servers"))
struct ConfigFileTests {
    @Test func configValuesAreUsedUnknownKeysWarnWithLineNumbersAndFlagsWin() throws {
        try E2E.redis(14, "FLUSHDB")
        try E2E.redis(14, "LPUSH", "from-config", "a", "b")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sc-\(UInt32.random(in: 0...UInt32.max)).toml"
        ).path
        try """
        [connections]
        pg = "\(E2E.pg)"
        redis = "redis://127.0.0.1:\(E2E.redisPort)/14"
        colour = "blue"

        [queues]
        watch = ["from-config"]
        sentry_defaults = false

        [thresholds]
        long_query_seconds = "soon"
        """.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try Subprocess.run([E2E.binary, "snapshot", "--json", "--config", path])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.contains("\(path):4: unknown key `connections.colour`"), "\(r.err)")
        #expect(r.err.contains("\(path):11: `thresholds.long_query_seconds` has the wrong type"), "\(r.err)")
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        let queues = (json?["redis"] as? [String: Any])?["queues"] as? [[String: Any]] ?? []
        #expect(
            queues.map { $0["name"] as? String } == ["from-config"], "config's queue list and sentry_defaults = false")
        #expect(queues.first?["depth"] as? Int == 2)
        // A flag overrides the file: db 15 has no such list.
        let over = try Subprocess.run([
            E2E.binary, "snapshot", "--json", "--config", path, "--redis", "redis://127.0.0.1:\(E2E.redisPort)/15",
        ])
        let j2 = try JSONSerialization.jsonObject(with: Data(over.out.utf8)) as? [String: Any]
        #expect((j2?["redis"] as? [String: Any])?["db"] as? Int == 15)
        let bad = try Subprocess.run([E2E.binary, "snapshot", "--config", "/nonexistent/config.toml"])
        #expect(bad.status == 64)
        #expect(bad.err.contains("cannot read config file"))
    }
}

@Suite(.enabled(if: E2E.enabled, "needs scripts/servers and tmux"))
struct AlertKeysTests {
    @Test func alertFiresThenIsAcknowledgedFromTheOverlay() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sc-alert-\(UInt32.random(in: 0...UInt32.max)).toml"
        ).path
        try "[thresholds]\nconnections_warn_percent = 0\nconnections_crit_percent = 1000\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try E2E.redis(13, "FLUSHDB")
        let t = try Tmux(
            width: 100, height: 30,
            argv: [
                E2E.binary, "--config", path, "--pg", E2E.pg, "--redis",
                "redis://127.0.0.1:\(E2E.redisPort)/13", "--no-sentry-queues",
            ])
        var (ok, screen) = await t.waitFor {
            $0.split(separator: "\n").dropFirst().first.map {
                $0.contains("firing") && $0.contains("WARN db.connections")
            } == true
        }
        #expect(ok, "alert strip never showed the alert:\n\(screen)")
        try t.send("a")
        (ok, screen) = await t.waitFor { $0.contains("Alerts") && $0.contains("→ pools near max_connections") }
        #expect(ok, "overlay did not open:\n\(screen)")
        try t.send("A")
        (ok, screen) = await t.waitFor { $0.contains("acked") && $0.contains("acknowledged by") }
        #expect(ok, "acknowledge not shown:\n\(screen)")
        try t.send("Escape")
        (ok, screen) = await t.waitFor { $0.contains("no alerts firing · 1 acknowledged/snoozed") }
        #expect(ok, "strip still loud after acknowledge:\n\(screen)")
        try t.send("q")
        #expect(await t.waitForExit()?.contains("EXIT=0") == true)
    }
}
