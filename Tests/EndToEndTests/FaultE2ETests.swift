import Foundation
import TestSupport
import Testing

/// The fault suite: the real binary in tmux against the fault pair of servers (`FaultBed`), which its tests
/// freeze, stop and restart — so its tests run one at a time. Targets: a hung or dead source is shown unreachable
/// within 2 × its timeout, the console is live again ≤ 3 s after a server returns, keys are answered throughout,
/// the terminal is sane after every exit path, nothing from data reaches the terminal raw.
@Suite(.enabled(if: FaultBed.enabled, "needs scripts/test (the fault servers)"), .serialized)
struct FaultE2ETests {
    init() { FaultBed.heal() }

    /// The console on the fault servers at 120×40, its Overview up with data from both sources.
    func console(_ extra: [String] = [], env: [String: String] = [:]) async throws -> Tmux {
        let t = try Tmux(width: 120, height: 40, argv: [E2E.binary] + FaultBed.argv + extra, env: env)
        let (ok, screen) = await t.waitFor(15) { Self.title($0, "Database")?.contains("ago") == true }
        #expect(ok, "the console never showed Postgres data:\n\(screen)")
        return t
    }

    /// The title line of panel `name` (the line holding its top border, in Unicode or ASCII).
    static func title(_ screen: String, _ name: String) -> String? {
        screen.split(separator: "\n").first { $0.contains("┌ \(name) ") || $0.hasPrefix("+ \(name) ") }
            .map(String.init)
    }

    /// Seconds until `predicate` holds on screen (nil when it never does within `limit`).
    func seconds(_ t: Tmux, within limit: Double, _ predicate: @escaping (String) -> Bool) async -> Double? {
        let start = Date()
        let (ok, _) = await t.waitFor(limit, predicate)
        return ok ? Date().timeIntervalSince(start) : nil
    }

    /// Screen switches answer while a source is hung: the UI thread never waits on a probe. Each switch is timed
    /// from `send-keys` to the new screen in tmux (its own round trips included, polled back to back).
    func keysAnswer(_ t: Tmux) async throws {
        for (key, panel) in [("2", "Issues"), ("1", "Queues")] {
            let start = Date()
            try t.send(key)
            var screen = ""
            while Date().timeIntervalSince(start) < 1 {
                screen = t.screen
                if Self.title(screen, panel) != nil { break }
            }
            let ms = Date().timeIntervalSince(start) * 1000
            #expect(Self.title(screen, panel) != nil, "no \(panel) screen within 1 s:\n\(screen)")
            #expect(ms < Self.keyBudgetMs, "\(panel) after \(Int(ms)) ms")
        }
    }

    /// Key → screen through tmux, a sanity bound: the console's 50 ms (bench/run measures it) plus tmux's own
    /// round trips on a CI machine running every other suite at once (10–25 ms measured idle).
    static let keyBudgetMs = 500.0

    func quit(_ t: Tmux) async throws {
        try t.send("q")
        let status = await t.waitForExit()
        #expect(status?.contains("EXIT=0") == true && status?.contains("RESTORED") == true, "\(status ?? "no exit")")
    }

    /// SIGSTOP of the postmaster and its backends: DOWN within 2 × (statement timeout + 1 s), keys answered,
    /// live again ≤ 3 s after SIGCONT, Redis kept updating meanwhile.
    @Test func aFrozenPostgresIsShownUnreachableAndRecovers() async throws {
        let t = try await console()
        try FaultBed.signalPostgres(SIGSTOP)
        defer { try? FaultBed.signalPostgres(SIGCONT) }
        let down = await seconds(t, within: 6) { Self.title($0, "Database")?.contains("DOWN") == true }
        #expect(down != nil, "not shown unreachable within 6 s:\n\(t.screen)")
        #expect(t.screen.contains("unreachable since"))
        #expect(Self.title(t.screen, "Queues")?.contains("DOWN") == false, "Redis is fine:\n\(t.screen)")
        try await keysAnswer(t)
        try await Task.sleep(nanoseconds: 4_000_000_000)  // a connect attempt is under way against the frozen server
        try FaultBed.signalPostgres(SIGCONT)
        var back = await seconds(t, within: 10) { !$0.contains("unreachable since") }
        #expect(back != nil && back! <= 3, "live again after \(back ?? -1) s:\n\(t.screen)")

        // A restart: fast shutdown of the postmaster, a while down, started again.
        kill(try FaultBed.postgresPids()[0], SIGINT)
        let dead = await seconds(t, within: 8) { Self.title($0, "Database")?.contains("DOWN") == true }
        #expect(dead != nil, "a stopped Postgres not shown:\n\(t.screen)")
        try await Task.sleep(nanoseconds: 6_000_000_000)
        try FaultBed.servers("start")
        back = await seconds(t, within: 10) { Self.title($0, "Database")?.contains("DOWN") == false }
        #expect(back != nil && back! <= 3, "live again after \(back ?? -1) s after a restart:\n\(t.screen)")
        try await quit(t)
    }

    /// A frozen Redis, then a stopped and restarted one: DOWN within 2 × its timeout, back ≤ 3 s after it returns.
    @Test func aFrozenThenRestartedRedisIsShownAndRecovers() async throws {
        let t = try await console()
        try FaultBed.signalRedis(SIGSTOP)
        defer { try? FaultBed.signalRedis(SIGCONT) }
        let down = await seconds(t, within: 6) { Self.title($0, "Queues")?.contains("DOWN") == true }
        #expect(down != nil, "not shown unreachable within 6 s:\n\(t.screen)")
        #expect(Self.title(t.screen, "Database")?.contains("DOWN") == false, "Postgres is fine:\n\(t.screen)")
        try await keysAnswer(t)
        try await Task.sleep(nanoseconds: 8_000_000_000)  // long enough for a doubling backoff to reach 8 s
        try FaultBed.signalRedis(SIGCONT)
        var back = await seconds(t, within: 10) { Self.title($0, "Queues")?.contains("DOWN") == false }
        #expect(back != nil && back! <= 3, "live again after \(back ?? -1) s after a freeze:\n\(t.screen)")

        kill(try FaultBed.redisPid(), SIGKILL)
        let dead = await seconds(t, within: 6) { Self.title($0, "Queues")?.contains("DOWN") == true }
        #expect(dead != nil, "a dead Redis not shown:\n\(t.screen)")
        try await Task.sleep(nanoseconds: 8_000_000_000)
        try FaultBed.servers("start")
        back = await seconds(t, within: 10) { Self.title($0, "Queues")?.contains("DOWN") == false }
        #expect(back != nil && back! <= 3, "live again after \(back ?? -1) s after a restart:\n\(t.screen)")
        try await quit(t)
    }

    /// Servers behind a path that accepts and never answers: both shown unreachable, the console still answers.
    @Test func aBlackHoleIsShownUnreachable() async throws {
        let hole = try BlackHole()
        let t = try Tmux(
            width: 120, height: 40,
            argv: [
                E2E.binary, "--pg", "host=127.0.0.1 port=\(hole.port) user=postgres dbname=sentry",
                "--redis", "redis://127.0.0.1:\(hole.port)/0", "--interval", "1",
            ])
        // Timed from the first frame (the process's own start-up on a loaded machine is not the probe's budget):
        // within 2 × the connect timeout (5 s; Redis: the handshake succeeds, its commands time out sooner).
        let (drawn, first) = await t.waitFor(10) { Self.title($0, "Database") != nil }
        #expect(drawn, "no first frame within 10 s:\n\(first)")
        var shown: [String: Double] = [:]
        let start = Date()
        let (ok, screen) = await t.waitFor(10) { screen in
            for name in ["Database", "Queues"] where shown[name] == nil {
                if Self.title(screen, name)?.contains("DOWN") == true { shown[name] = Date().timeIntervalSince(start) }
            }
            return shown.count == 2
        }
        #expect(ok, "not both shown unreachable within 10 s of the first frame (shown: \(shown)):\n\(screen)")
        #expect(!screen.contains("retrying in 0s"), "an attempt under way says so:\n\(screen)")
        try await keysAnswer(t)
        try await quit(t)
    }
}
