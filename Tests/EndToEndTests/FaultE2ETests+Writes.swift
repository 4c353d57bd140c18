import Foundation
import TestSupport
import Testing

/// Write mode under faults, checked against the rows and the audit log: a lock wait with a quit in the middle,
/// a server frozen at the moment of the write, a change by someone else, an audit log that cannot be written.
extension FaultE2ETests {
    /// Issue 22 of the seed: `level:fatal handler 22` narrows the stream to it (WEB-P).
    static let issue = "22"

    func writeConsole(audit: String) async throws -> Tmux {
        try FaultBed.psql("UPDATE sentry_groupedmessage SET status = 0, substatus = 7 WHERE id = \(Self.issue)")
        let t = try Tmux(
            width: 120, height: 40,
            argv: [E2E.binary] + FaultBed.argv + ["--write", "--as", "oncall@example.com", "--audit-log", audit])
        var (ok, screen) = await t.waitFor(15) { $0.contains("WRITE MODE") && Self.title($0, "Queues") != nil }
        #expect(ok, "no write-mode console:\n\(screen)")
        try t.send("2")
        try t.send("/")
        try t.send("C-u")
        try t.send("-l", "level:fatal handler \(Self.issue)")
        try t.send("Enter")
        (ok, screen) = await t.waitFor(10) { $0.contains("1 shown") && $0.contains("WEB-P") }
        #expect(ok, "the issue is not alone on screen:\n\(screen)")
        try t.send("r")
        (ok, screen) = await t.waitFor(5) { $0.contains("Confirm write") && $0.contains("resolve — 1 issue") }
        #expect(ok, "no confirmation:\n\(screen)")
        return t
    }

    func status() throws -> String {
        try FaultBed.psql("SELECT status FROM sentry_groupedmessage WHERE id = \(Self.issue)")
    }

    func auditLines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func auditPath() -> String { NSTemporaryDirectory() + "sc-fault-audit-\(UUID().uuidString).jsonl" }

    /// The row is locked by another session; `q` during the wait says it waits, the write lands when the lock
    /// goes, then the console exits 0 — the audit log has the begin and the end, the row is resolved.
    @Test func quitDuringALockWaitWaitsForTheOutcome() async throws {
        let audit = auditPath()
        defer { try? FileManager.default.removeItem(atPath: audit) }
        let t = try await writeConsole(audit: audit)
        let locker = try Subprocess.spawn([
            FaultBed.env["SENTRY_CONSOLE_FAULT_PSQL"] ?? "psql", "-X", "-q", FaultBed.pg, "-c",
            "BEGIN; SELECT 1 FROM sentry_groupedmessage WHERE id = \(Self.issue) FOR UPDATE; SELECT pg_sleep(3); COMMIT;",
        ])
        defer { locker.kill() }
        try await Task.sleep(nanoseconds: 500_000_000)
        try t.send("y")
        try await Task.sleep(nanoseconds: 500_000_000)
        #expect(try status() == "0", "not written while locked")
        try t.send("q")
        let (ok, screen) = await t.waitFor(3) { $0.contains("waiting for the write to finish") }
        #expect(ok, "the quit does not say it waits:\n\(screen)")
        let exit = await t.waitForExit(10)
        #expect(exit?.contains("EXIT=0") == true && exit?.contains("RESTORED") == true, "\(exit ?? "no exit")")
        #expect(try status() == "1", "the write landed after the lock")
        let lines = auditLines(audit)
        #expect(lines.count == 2 && lines[1].contains("\"result\":\"applied\""), "\(lines)")
    }

    /// Postgres frozen when the write is confirmed: the outcome (failed) is reported within the timeouts, not
    /// when the server resumes; the audit log has its end; nothing was written.
    @Test func aWriteIntoAFrozenServerFailsWithinItsTimeout() async throws {
        let audit = auditPath()
        defer { try? FileManager.default.removeItem(atPath: audit) }
        let t = try await writeConsole(audit: audit)
        try FaultBed.signalPostgres(SIGSTOP)
        defer { try? FaultBed.signalPostgres(SIGCONT) }
        try t.send("y")
        let (ok, screen) = await t.waitFor(15) { $0.contains("resolve: 0/1 applied") }
        #expect(ok, "no outcome while the server is frozen:\n\(screen)")
        try FaultBed.signalPostgres(SIGCONT)
        #expect(try status() == "0", "nothing written")
        let lines = auditLines(audit)
        #expect(lines.count == 2 && lines[1].contains("\"result\":\"failed\""), "\(lines)")
        try await quit(t)
    }

    /// Someone resolves the issue between the confirmation and `y`: skipped, said so, audited, not overwritten.
    @Test func aConcurrentChangeIsSkipped() async throws {
        let audit = auditPath()
        defer { try? FileManager.default.removeItem(atPath: audit) }
        let t = try await writeConsole(audit: audit)
        try FaultBed.psql("UPDATE sentry_groupedmessage SET status = 2 WHERE id = \(Self.issue)")
        try t.send("y")
        let (ok, screen) = await t.waitFor(10) { $0.contains("resolve: 0/1 applied") && $0.contains("skipped") }
        #expect(ok, "\(screen)")
        #expect(try status() == "2", "the other change stands")
        #expect(auditLines(audit).last?.contains("skipped") == true, "\(auditLines(audit))")
        try await quit(t)
    }

    /// The audit log's device is full: the write is refused before anything reaches Postgres, and the screen says
    /// why (a real full filesystem: a tiny tmpfs, which needs root as in CI).
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func aFullAuditLogRefusesTheWrite() async throws {
        let dir = NSTemporaryDirectory() + "sc-fault-full-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer {
            _ = try? Subprocess.run(["umount", dir])
            try? FileManager.default.removeItem(atPath: dir)
        }
        #expect(try Subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]).status == 0)
        let t = try await writeConsole(audit: dir + "/audit.jsonl")
        _ = try Subprocess.run(["dd", "if=/dev/zero", "of=\(dir)/filler", "bs=4096", "count=64"])
        try t.send("y")
        let (ok, screen) = await t.waitFor(10) { $0.contains("No space left on device") }
        #expect(ok, "the refusal does not say why:\n\(screen)")
        try await Task.sleep(nanoseconds: 1_000_000_000)
        #expect(try status() == "0", "nothing written without its audit line")
        try await quit(t)
    }
}
