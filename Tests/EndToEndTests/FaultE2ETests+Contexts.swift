import Foundation
import TestSupport
import Testing

/// Named installs: `:` switches the running console from the bed's servers to the fault pair and back (every
/// connection closed and made again, the badge and the targets follow); a write-mode console refuses to switch
/// to a context whose policy refuses writes. In the fault suite: its servers must not be frozen meanwhile.
extension FaultE2ETests {
    static func port(_ conninfo: String) -> String {
        conninfo.split(separator: " ").first { $0.hasPrefix("port=") }.map { String($0.dropFirst(5)) } ?? ""
    }

    @Test func colonSwitchesBetweenTwoInstallsAndBack() async throws {
        let config = NSTemporaryDirectory() + "sc-contexts-\(UUID().uuidString).toml"
        let audit = NSTemporaryDirectory() + "sc-contexts-audit-\(UUID().uuidString).jsonl"
        defer {
            try? FileManager.default.removeItem(atPath: config)
            try? FileManager.default.removeItem(atPath: audit)
        }
        try """
        current_context = "alpha"
        [contexts.alpha]
        label = "ALPHA"
        color = "green"
        pg = "\(E2E.pg)"
        redis = "redis://127.0.0.1:\(E2E.redisPort)/4"
        [contexts.prod-beta]
        label = "BETA"
        color = "red"
        pg = "\(FaultBed.pg)"
        redis = "\(FaultBed.redis)"
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let alphaPort = Self.port(E2E.pg)
        let betaPort = Self.port(FaultBed.pg)
        let t = try Tmux(width: 120, height: 40, argv: [E2E.binary, "--config", config, "--interval", "1"])
        var (ok, screen) = await t.waitFor(15) {
            $0.contains(" ALPHA ") && $0.contains(":\(alphaPort)/")
                && Self.title($0, "Database")?.contains("ago") == true
        }
        #expect(ok, "alpha:\n\(screen)")
        try t.send(":")
        (ok, screen) = await t.waitFor(3) { $0.contains("Switch install") && $0.contains("prod-beta") }
        #expect(ok, "the prompt lists the contexts:\n\(screen)")
        try t.send("-l", "prod-beta")
        try t.send("Enter")
        (ok, screen) = await t.waitFor(15) {
            $0.contains(" BETA ") && $0.contains(":\(betaPort)/") && Self.title($0, "Database")?.contains("ago") == true
        }
        #expect(ok, "switched to beta:\n\(screen)")
        #expect(!screen.contains(" ALPHA "))
        try t.send(":")
        try t.send("-l", "alpha")
        try t.send("Enter")
        (ok, screen) = await t.waitFor(15) { $0.contains(" ALPHA ") && $0.contains(":\(alphaPort)/") }
        #expect(ok, "back on alpha:\n\(screen)")
        try await quit(t)

        // In write mode, a context that refuses writes is refused before anything is closed.
        let w = try Tmux(
            width: 120, height: 40,
            argv: [E2E.binary, "--config", config, "--write", "--as", "oncall@example.com", "--audit-log", audit])
        (ok, screen) = await w.waitFor(15) { $0.contains("WRITE MODE") && $0.contains(" ALPHA ") }
        #expect(ok, "write mode on alpha:\n\(screen)")
        try w.send(":")
        try w.send("-l", "prod-beta")
        try w.send("Enter")
        (ok, screen) = await w.waitFor(5) { $0.contains("context 'prod-beta' refuses writes") }
        #expect(ok && screen.contains(" ALPHA "), "\(screen)")
        try await quit(w)
    }
}
