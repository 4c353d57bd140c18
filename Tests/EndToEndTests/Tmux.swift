import Foundation
import TestSupport

/// A private tmux server (own socket) running one command in a fixed-size pane: send keys, read the screen.
final class Tmux {
    let socket = "sc-e2e-\(UInt32.random(in: 0...UInt32.max))"
    let statusFile = FileManager.default.temporaryDirectory.appendingPathComponent("sc-e2e-\(UUID().uuidString)").path

    /// Runs `argv` in a shell that records the exit code and whether the tty modes came back unchanged,
    /// then keeps the pane open so the screen after exit can be read.
    /// `leaderTrapsHangUp` makes the pane's shell catch SIGHUP (as scripts/demo does), so on a hang-up the kernel's
    /// signal goes to that shell and the console must notice the dead terminal by itself.
    init(width: Int, height: Int, argv: [String], env: [String: String] = [:], leaderTrapsHangUp: Bool = false) throws {
        let quoted = argv.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let exports = env.map { "export \($0.key)='\($0.value)';" }.joined(separator: " ")
        let script = """
            \(leaderTrapsHangUp ? "trap 'exit 129' HUP;" : "") \(exports) before=$(stty -g); \(quoted); rc=$?; after=$(stty -g); \
            echo "EXIT=$rc" > \(statusFile); [ "$before" = "$after" ] && echo RESTORED >> \(statusFile); sleep 120
            """
        try tmux(["new-session", "-d", "-x", String(width), "-y", String(height), "-s", "main", "sh", "-c", script])
    }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = env["TERM"] ?? "xterm-256color"
        env.removeValue(forKey: "TMUX")
        let r = try Subprocess.run(["tmux", "-L", socket, "-f", "/dev/null"] + args, environment: env)
        guard r.status == 0 else { throw Subprocess.Failure(description: "tmux \(args.first ?? ""): \(r.err)") }
        return r.out
    }

    var screen: String { (try? tmux(["capture-pane", "-p", "-t", "main"])) ?? "" }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "main"] + keys) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", String(width), "-y", String(height)])
    }

    /// Appends every byte the pane's program writes to the terminal to `path` (a raw-byte scan's input).
    func recordOutput(to path: String) throws { try tmux(["pipe-pane", "-o", "-t", "main", "cat >> '\(path)'"]) }

    /// The shell's record after the console exited: "EXIT=n" and maybe "RESTORED".
    var status: String? { try? String(contentsOfFile: statusFile, encoding: .utf8) }

    /// The pid of the console process running in the pane.
    var consolePid: Int32? {
        guard
            let shell = Int32(
                (try? tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"]))?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        else { return nil }
        let r = try? Subprocess.run(["pgrep", "-P", String(shell), "-f", "sentry-console"])
        return r.flatMap { Int32($0.out.split(separator: "\n").first ?? "") }
    }

    /// Polls the screen until `predicate` holds (10 s by default); returns the last screen seen.
    func waitFor(_ seconds: Double = 10, _ predicate: (String) -> Bool) async -> (Bool, String) {
        let end = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < end {
            last = screen
            if predicate(last) { return (true, last) }
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
        return (false, last)
    }

    func waitForExit(_ seconds: Double = 10) async -> String? {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if let s = status, s.contains("EXIT=") {
                try? await Task.sleep(nanoseconds: 200_000_000)  // RESTORED is written right after
                return status
            }
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
        return nil
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: statusFile)
    }
}
