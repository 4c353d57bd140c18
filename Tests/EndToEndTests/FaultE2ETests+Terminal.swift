import Foundation
import TestSupport
import Testing

/// Exit paths, resize storms, terminals that cannot be used, and hostile data scanned byte by byte.
extension FaultE2ETests {
    /// Every terminating signal exits with 128 + its number and leaves the tty as it was; a SEGV or ABRT sent from
    /// outside kills at once (no runtime backtrace holding the process), tty restored too.
    @Test(arguments: [
        ("TERM", SIGTERM, "143"), ("HUP", SIGHUP, "129"), ("INT", SIGINT, "130"), ("QUIT", SIGQUIT, "131"),
        ("SEGV", SIGSEGV, "139"), ("ABRT", SIGABRT, "134"),
    ])
    func everyExitPathRestoresTheTerminal(name: String, signal: Int32, code: String) async throws {
        let t = try await console()
        let pid = try #require(t.consolePid)
        kill(pid, signal)
        let status = await t.waitForExit(5)
        #expect(status?.contains("EXIT=\(code)") == true, "\(name): \(status ?? "still running after 5 s")")
        #expect(status?.contains("RESTORED") == true, "\(name): tty modes changed")
        #expect(!t.screen.contains("Backtrace") && !t.screen.contains("Press space"), "\(name):\n\(t.screen)")
    }

    /// An interactive shell (job control, as an engineer's SSH session) with the console started from it.
    func consoleInAShell() async throws -> Tmux {
        let t = try Tmux(width: 120, height: 40, argv: ["bash", "--norc", "--noprofile", "-i"], env: ["PS1": "$ "])
        let quoted = ([E2E.binary] + FaultBed.argv).map { "'\($0)'" }.joined(separator: " ")
        try t.send("-l", "S0=$(stty -g); \(quoted); echo EXIT=$?; [ \"$(stty -g)\" = \"$S0\" ] && echo SANE")
        try t.send("Enter")
        let (ok, screen) = await t.waitFor(15) { Self.title($0, "Database")?.contains("ago") == true }
        #expect(ok, "the console never showed Postgres data:\n\(screen)")
        return t
    }

    /// Ctrl-\ typed is a quit like the others (never the runtime's backtrace over the screen).
    @Test func ctrlBackslashQuitsCleanly() async throws {
        let t = try await consoleInAShell()
        try t.send("C-\\")
        let (ok, screen) = await t.waitFor(5) { $0.contains("EXIT=131") && $0.contains("SANE") }
        #expect(ok, "\(screen)")
        #expect(!screen.contains("Backtrace") && !screen.contains("Press space"), "\(screen)")
    }

    /// Ctrl-Z gives the terminal back to the shell; `fg` brings the screen back, keys work, `q` exits cleanly.
    @Test func suspendAndResume() async throws {
        let t = try await consoleInAShell()
        try t.send("C-z")
        var (ok, screen) = await t.waitFor(5) { $0.contains("Stopped") }
        #expect(ok, "not stopped:\n\(screen)")
        #expect(screen.contains("EXIT=148") && screen.contains("SANE"), "the shell got a sane terminal:\n\(screen)")
        try t.send("-l", "fg; echo FG=$?; [ \"$(stty -g)\" = \"$S0\" ] && echo RESUMED-SANE")
        try t.send("Enter")
        (ok, screen) = await t.waitFor(5) { Self.title($0, "Queues") != nil && !$0.contains("Stopped") }
        #expect(ok, "the screen did not come back:\n\(screen)")
        try await keysAnswer(t)
        try t.send("q")
        (ok, screen) = await t.waitFor(5) { $0.contains("FG=0") && $0.contains("RESUMED-SANE") }
        #expect(ok, "\(screen)")
    }

    /// Sizes down to 1×1 in quick succession, then back: the screen is whole again and `q` still quits cleanly.
    @Test func aResizeStormDownToOneCell() async throws {
        let t = try await console()
        for (w, h) in [(1, 1), (200, 60), (2, 2), (80, 24), (10, 3), (1, 40), (120, 1), (33, 7), (1, 1), (120, 40)] {
            try t.resize(width: w, height: h)
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        let (ok, screen) = await t.waitFor(5) {
            Self.title($0, "Queues") != nil && Self.title($0, "Database") != nil && $0.contains("q quit")
        }
        #expect(ok, "not whole after the storm:\n\(screen)")
        // After a resize, a screen switch is a diff again, not a clear and a full repaint (cheap over SSH). The
        // storm's last SIGWINCH may still be on its way on a loaded machine: let it land first.
        try await Task.sleep(nanoseconds: 2_000_000_000)
        try t.send("2")
        _ = await t.waitFor(2) { Self.title($0, "Issues") != nil }
        let raw = NSTemporaryDirectory() + "sc-fault-resize-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: raw) }
        try t.recordOutput(to: raw)
        try await keysAnswer(t)
        try await keysAnswer(t)
        try await Task.sleep(nanoseconds: 300_000_000)
        let bytes = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: raw))) ?? Data())
        let cleared = Self.contains(bytes, Array("\u{1B}[J".utf8))
        #expect(!cleared, "a key after a resize cleared the whole screen")
        try await quit(t)
    }

    /// A terminal that cannot move the cursor is refused with what to do; `--config /dev/null` means no file.
    @Test func dumbTerminalsAreRefusedAndDevNullIsNoConfig() async throws {
        let t = try Tmux(width: 100, height: 10, argv: [E2E.binary] + FaultBed.argv, env: ["TERM": "dumb"])
        let status = await t.waitForExit(5)
        #expect(status?.contains("EXIT=1") == true && status?.contains("RESTORED") == true, "\(status ?? "")")
        #expect(t.screen.contains("cannot move the cursor"), "\(t.screen)")
        let r = try Subprocess.run([E2E.binary, "snapshot", "--config", "/dev/null"] + FaultBed.argv.dropLast(2))
        #expect(r.status == 0, "\(r.err)")
    }

    /// A Redis that wants a password, given none, says so (not "unexpected SCAN reply").
    @Test func aPasswordProtectedRedisSaysNoAuth() throws {
        try FaultBed.redisCLI("CONFIG", "SET", "requirepass", FaultBed.redisSecret)
        defer { try? FaultBed.redisCLI("-a", FaultBed.redisSecret, "CONFIG", "SET", "requirepass", "") }
        let r = try Subprocess.run([E2E.binary, "snapshot"] + FaultBed.argv.dropLast(2))
        #expect(r.status != 0)
        let text = r.out + r.err
        #expect(text.contains("NOAUTH") && text.contains("wants a password"), "\(text)")
        #expect(!text.contains("unexpected SCAN reply"))
        let ok = try Subprocess.run(
            [
                E2E.binary, "snapshot", "--pg", FaultBed.pg, "--redis",
                "redis://:\(FaultBed.redisSecret)@127.0.0.1:\(FaultBed.redisPort)/0",
            ])
        #expect(ok.status == 0, "\(ok.out)\(ok.err)")
        #expect(!(ok.out + ok.err).contains(FaultBed.redisSecret), "the password is never printed")
    }

    /// Hostile titles (ANSI, OSC 52 and title, DCS, C1, bidi, zero-width, the emoji catalogue, 5 KB) in a UTF-8
    /// and in the C locale: every byte written to the terminal is scanned; in C nothing above 0x7F at all, and
    /// every row of the Issues panel still ends at its border.
    @Test(arguments: ["C.UTF-8", "C"])
    func hostileDataNeverReachesTheTerminalRaw(locale: String) async throws {
        try FaultBed.psql(FaultBed.hostileInsert)
        defer { try? FaultBed.psql("DELETE FROM sentry_groupedmessage WHERE short_id BETWEEN 9001 AND 9009") }
        let raw = NSTemporaryDirectory() + "sc-fault-raw-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: raw) }
        let t = try Tmux(
            width: 120, height: 40, argv: [E2E.binary] + FaultBed.argv, env: ["LANG": locale, "LC_ALL": locale])
        try t.recordOutput(to: raw)
        var (ok, screen) = await t.waitFor(15) { Self.title($0, "Database")?.contains("ago") == true }
        #expect(ok, "\(screen)")
        try t.send("2")
        (ok, screen) = await t.waitFor(10) { $0.contains("OSC52") && $0.contains("FAMILY") }
        #expect(ok, "hostile rows not on screen:\n\(screen)")
        try t.send("Enter")  // the detail of the top (hostile) issue
        try await Task.sleep(nanoseconds: 1_500_000_000)
        try t.send("Escape")
        try await quit(t)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: raw)))
        #expect(bytes.count > 1000, "\(bytes.count) bytes recorded")
        for needle in ["]52;", "]0;pwned", "\u{1B}P1", "\u{9B}", "\u{202E}", "\u{200B}", "\u{200D}", "\u{1B}[31m"] {
            let found = Self.contains(bytes, Array(needle.utf8))
            #expect(!found, "\(locale): \(needle.debugDescription) reached the tty")
        }
        let bell = bytes.contains(0x07)
        #expect(!bell, "\(locale): a bell from data")
        if locale == "C" {
            let high = bytes.contains { $0 >= 0x80 }
            #expect(!high, "C locale: a non-ASCII byte was written")
            let rows = screen.split(separator: "\n").filter { $0.hasPrefix("|") }
            #expect(!rows.isEmpty && rows.allSatisfy { $0.count == 120 && $0.hasSuffix("|") }, "\(screen)")
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return true }
        }
        return false
    }
}
