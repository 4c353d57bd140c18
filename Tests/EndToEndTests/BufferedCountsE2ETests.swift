import Foundation
import TestSupport
import Testing

/// Times seen as Sentry counts them: the stored `times_seen` plus the increment still pending in Sentry's Redis
/// buffer, whose key the test derives the way Sentry's `RedisBuffer._make_key` does (in Python, independently of
/// the console's code). Redis db 4 holds only keys named after these ids (shared with suites that use own keys).
@Suite(.enabled(if: E2E.enabled, "needs scripts/servers and tmux"), .serialized)
struct BufferedCountsE2ETests {
    static let db = 4

    /// `b:k:sentry.group:<md5>` for issue `id`, as Sentry's Python builds it from the filters `{"id": id}`.
    static func sentryKey(_ id: Int) throws -> String {
        let code = """
            import hashlib, sys
            filters = {"id": int(sys.argv[1])}
            raw = "&".join(f"{k}={str(v).encode()}" for k, v in sorted(filters.items()))
            print("b:k:sentry.group:" + hashlib.md5(raw.encode()).hexdigest())
            """
        let r = try Subprocess.run(["python3", "-c", code, String(id)])
        guard r.status == 0 else { throw Subprocess.Failure(description: "python3: \(r.err)") }
        return r.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func rows(_ argv: [String]) throws -> [[String: Any]] {
        let r = try Subprocess.run(argv)
        #expect(r.status == 0, "\(r.err)")
        let object = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        return object?["rows"] as? [[String: Any]] ?? []
    }

    @Test func countsIncludeTheIncrementPendingInTheBuffer() async throws {
        let pg = try TestDatabase.create("sc_e2e_pending")
        defer { pg.drop() }
        let redis = "redis://127.0.0.1:\(E2E.redisPort)/\(Self.db)"
        let argv = [E2E.binary, "issues", "--pg", pg.conninfo, "--redis", redis, "--limit", "5"]
        let before = try Self.rows(argv + ["--json"])
        let first = try #require(before.first)
        let id = try #require(first["id"] as? Int)
        let stored = try #require(first["timesSeen"] as? Int)
        #expect(first["pendingTimesSeen"] as? Int == 0, "nothing pending yet: \(first)")

        let key = try Self.sentryKey(id)
        _ = try E2E.redis(Self.db, "HSET", key, "i+times_seen", "4321", "m", "sentry.models.group.Group")
        defer { _ = try? E2E.redis(Self.db, "DEL", key) }
        let after = try Self.rows(argv + ["--json"])
        let row = try #require(after.first { $0["id"] as? Int == id })
        #expect(row["pendingTimesSeen"] as? Int == 4321, "\(row)")
        #expect(row["timesSeen"] as? Int == stored, "the stored count is kept as stored")

        let shortId = try #require(row["shortId"] as? String)
        let live = stored + 4321
        try #require(live < 10_000, "the fixture's counts are small: the screen shows this one whole")
        let table = try Subprocess.run(argv)
        let line = table.out.split(separator: "\n").first { $0.hasPrefix(shortId + " ") }
        #expect(line?.contains(" \(Self.grouped(live)) ") == true, "\(live) in: \(line ?? "")")

        // The Issues screen shows the same live count.
        let t = try Tmux(
            width: 120, height: 40, argv: [E2E.binary, "--pg", pg.conninfo, "--redis", redis, "--no-sentry-queues"])
        try t.send("2")
        let (ok, screen) = await t.waitFor {
            IssuesE2ETests.row($0, shortId)?.contains(" \(Self.grouped(live)) ") == true
        }
        #expect(ok, "\(shortId) with \(Self.grouped(live)) seen:\n\(screen)")
        try t.send("q")
        #expect(await t.waitForExit()?.contains("EXIT=0") == true)
    }

    /// A broker that accepts and never answers does not hold the stream up: stored counts, pending unknown.
    @Test func aHungBrokerLeavesTheStoredCounts() async throws {
        let hole = try BlackHole()
        let started = Date()
        let rows = try Self.rows([
            E2E.binary, "issues", "--pg", E2E.pg, "--redis", "redis://127.0.0.1:\(hole.port)/0", "--limit", "3",
            "--json",
        ])
        #expect(Date().timeIntervalSince(started) < 15, "the buffer read is bounded (5 s), not the broker's")
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0["pendingTimesSeen"] == nil }, "unknown is absent, never 0: \(rows)")
    }

    /// 4521 → "4,521" (how the console writes a count under 10,000).
    static func grouped(_ n: Int) -> String {
        n < 1000 ? String(n) : "\(n / 1000),\(String(n % 1000).leftPadded(to: 3))"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
