import Foundation
import TestSupport
import Testing

/// The Issues screen of the real binary in tmux, against a private copy of the fixture install: filter, open
/// the detail, resolve with the confirmation in write mode, and see the row change on screen and in Postgres.
@Suite(.enabled(if: E2E.enabled, "needs scripts/servers and tmux"), .serialized)
struct IssuesE2ETests {
    static func row(_ screen: String, _ id: String) -> String? {
        screen.split(separator: "\n").first { $0.contains(" \(id) ") }.map(String.init)
    }

    /// At 80×24 the ids on screen are the ids people search for: equal to `issues --json`'s display ids, in the
    /// same order; one too long for the column is abbreviated by its slug only (head, "…", the whole number).
    @Test func idsOnScreenAtEightyColumnsAreTheJSONIds() async throws {
        let db = try TestDatabase.create("sc_e2e_ids")
        defer { db.drop() }
        try db.psql("UPDATE sentry_project SET slug = 'notifications' WHERE id = 2")
        try db.psql("UPDATE sentry_project SET slug = 'payments-service-eu-central-1-checkout-gateway' WHERE id = 1")
        let json = try Subprocess.run([E2E.binary, "issues", "--pg", db.conninfo, "--json", "--limit", "15"])
        #expect(json.status == 0, "\(json.err)")
        let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        let ids = (object?["rows"] as? [[String: Any]] ?? []).compactMap { $0["shortId"] as? String }
        #expect(ids.count == 15 && ids.contains { $0.hasPrefix("NOTIFICATIONS-") }, "\(ids)")
        let t = try Tmux(
            width: 80, height: 24,
            argv: [
                E2E.binary, "--pg", db.conninfo, "--redis", "redis://127.0.0.1:\(E2E.redisPort)/11",
                "--no-sentry-queues",
            ])
        try t.send("2")
        let (ok, screen) = await t.waitFor { $0.contains("15 shown") || $0.contains(" shown ·") }
        #expect(ok, "\(screen)")
        let shown = screen.split(separator: "\n").dropFirst(4).compactMap { line -> String? in
            guard line.hasPrefix("│") else { return nil }
            return line.dropFirst().split(separator: " ").first { $0 != "★" && $0 != "●" }.map(String.init)
        }.filter { $0.contains("-") }
        #expect(shown.count >= 10, "\(screen)")
        for (onScreen, id) in zip(shown, ids) {
            if onScreen.contains("…") {
                let number = id[id.lastIndex(of: "-")!...]
                #expect(onScreen.hasSuffix("…" + number) && id.hasPrefix(onScreen.prefix(8)), "\(onScreen) for \(id)")
            } else {
                #expect(onScreen == id, "\(screen)")
            }
        }
        #expect(shown.contains { $0.hasPrefix("NOTIFICATIONS-") }, "a 16-character id whole at 80 columns")
        try t.send("q")
        #expect(await t.waitForExit()?.contains("EXIT=0") == true)
    }

    @Test func filterOpenDetailResolveAndSeeTheRowChange() async throws {
        let db = try TestDatabase.create("sc_e2e_issues")
        defer { db.drop() }
        try E2E.redis(11, "FLUSHDB")
        let audit = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sc-e2e-audit-\(UUID().uuidString).jsonl"
        ).path
        defer { try? FileManager.default.removeItem(atPath: audit) }
        let t = try Tmux(
            width: 120, height: 40,
            argv: [
                E2E.binary, "--pg", db.conninfo, "--redis", "redis://127.0.0.1:\(E2E.redisPort)/11",
                "--no-sentry-queues",
                "--write", "--as", "oncall@example.com", "--audit-log", audit, "--sentry-url",
                "https://sentry.example.com",
            ])
        var (ok, screen) = await t.waitFor { $0.contains("WRITE MODE") && $0.contains("Queues") }
        #expect(ok, "write-mode overview never appeared:\n\(screen)")
        try t.send("2")
        (ok, screen) = await t.waitFor { $0.contains("Issues") && Self.row($0, "WEB-1") != nil }
        #expect(ok, "issue list never appeared:\n\(screen)")

        try t.send("/")
        try t.send("C-u")
        try t.send("-l", "level:fatal handler 22")
        try t.send("Enter")
        (ok, screen) = await t.waitFor { $0.contains("1 shown") && Self.row($0, "WEB-P") != nil }
        #expect(ok, "filter did not narrow to WEB-P:\n\(screen)")
        #expect(Self.row(screen, "WEB-1") == nil)

        try t.send("Enter")
        (ok, screen) = await t.waitFor { $0.contains("KeyError: 'user_id' in handler 22") && $0.contains("times seen") }
        #expect(ok, "detail never opened:\n\(screen)")
        #expect(screen.contains("https://sentry.example.com/organizations/acme/issues/22/"))
        try t.send("Escape")

        try t.send("r")
        (ok, screen) = await t.waitFor { $0.contains("Confirm write") && $0.contains("resolve — 1 issue") }
        #expect(ok, "no confirmation:\n\(screen)")
        #expect(screen.contains("WEB-P") && screen.contains("dbname=sc_e2e_issues") == false)
        #expect(
            try db.psql("SELECT status FROM sentry_groupedmessage WHERE id = 22") == "0", "nothing written before y")
        try t.send("y")
        (ok, screen) = await t.waitFor {
            $0.contains("resolve: 1/1 applied") && Self.row($0, "WEB-P")?.contains("resolved") == true
        }
        #expect(ok, "row did not change to resolved:\n\(screen)")
        #expect(try db.psql("SELECT status, substatus IS NULL FROM sentry_groupedmessage WHERE id = 22") == "1|t")
        #expect(try db.psql("SELECT type, user_id FROM sentry_activity WHERE group_id = 22") == "1|1")
        let lines = try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2 && lines[1].contains("\"result\":\"applied\"") && lines[1].contains("WEB-P"))

        try t.send("q")
        #expect(await t.waitForExit()?.contains("EXIT=0") == true)
    }

    @Test func readOnlyConsoleRefusesToTriage() async throws {
        // A private copy: the shared install's issues are reshuffled by the Celery simulations of other suites.
        let db = try TestDatabase.create("sc_e2e_readonly")
        defer { db.drop() }
        try E2E.redis(11, "FLUSHDB")
        let t = try Tmux(
            width: 100, height: 30,
            argv: [
                E2E.binary, "--pg", db.conninfo, "--redis", "redis://127.0.0.1:\(E2E.redisPort)/11",
                "--no-sentry-queues",
            ])
        try t.send("2")
        var (ok, screen) = await t.waitFor { $0.contains("READ-ONLY") && Self.row($0, "IOS-2") != nil }
        #expect(ok, "issue list never appeared:\n\(screen)")
        try t.send("r")
        (ok, screen) = await t.waitFor { $0.contains("read-only: triage needs --write --as EMAIL") }
        #expect(ok, "no read-only notice:\n\(screen)")
        #expect(!screen.contains("Confirm write"))
        #expect(try db.psql("SELECT count(*) FROM sentry_activity") == "0")
        try t.send("q")
        #expect(await t.waitForExit()?.contains("EXIT=0") == true)
    }

    @Test func writeModeNeedsAKnownUserAndAnAuditLog() throws {
        let noUser = try Subprocess.run([E2E.binary, "--pg", E2E.pg, "--write"])
        #expect(noUser.status != 0 && noUser.err.contains("--as"))
        let unknown = try Subprocess.run([
            E2E.binary, "--pg", E2E.pg, "--write", "--as", "ghost@example.com", "--audit-log", "/tmp/sc-never.jsonl",
        ])
        #expect(unknown.status != 0 && unknown.err.contains("no active Sentry user ghost@example.com"))
        let badLog = try Subprocess.run([
            E2E.binary, "--pg", E2E.pg, "--write", "--as", "oncall@example.com", "--audit-log", "/proc/nope/a.jsonl",
        ])
        #expect(badLog.status != 0 && badLog.err.contains("cannot open audit log"))
    }
}
