import Foundation
import TestSupport

/// Access to the real-Celery test bed started by scripts/testbed.
enum CeleryBed {
    static let env = ProcessInfo.processInfo.environment
    static var enabled: Bool {
        env["SENTRY_CONSOLE_REQUIRE_SERVERS"] == "1" || (TestBed.enabled && env["TESTBED_PYTHON"] != nil)
    }
    static var python: String { env["TESTBED_PYTHON"] ?? "python3" }
    static var environment: [String: String] {
        var e = env
        e["PYTHONPATH"] = env["TESTBED_ROOT"] ?? ""
        return e
    }

    static var binary: String { LiveServerEnvironment.binary }

    /// A new temporary file for a child's stdout, read after it exits.
    static var captureFile: CaptureFile { CaptureFile() }

    /// On a thread of its own (a Python start takes seconds under load; the shared pool stays free).
    static func produce(_ profile: String, _ args: [String]) async throws {
        let r = try await Subprocess.runDetached(
            [python, "-m", "testbed.produce", "--profile", profile] + args, environment: environment)
        guard r.status == 0 else { throw TestBedError.failed("produce: \(r.err)") }
    }

    /// SIGSTOP (or SIGCONT) a worker's main process and its pool children.
    static func freeze(_ profile: String, _ stop: Bool) throws {
        let pidfile = env[profile == "sentry" ? "TESTBED_SENTRY_PIDFILE" : "TESTBED_GENERIC_PIDFILE"] ?? ""
        let main = try String(contentsOfFile: pidfile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? Subprocess.run(["pgrep", "-P", main]).out) ?? ""
        for pid in [main] + children.split(whereSeparator: \.isNewline).map(String.init) {
            if let p = Int32(pid) { kill(p, stop ? SIGSTOP : SIGCONT) }
        }
    }

    static func llenSum(db: Int, key: String) throws -> Int {
        try ["", "\u{06}\u{16}3", "\u{06}\u{16}6", "\u{06}\u{16}9"].reduce(0) {
            $0 + (Int(try TestBed.redis(db, "LLEN", key + $1)) ?? 0)
        }
    }

    /// Waits until the queues are empty (the running workers consume them).
    @discardableResult
    static func drain(db: Int, queues: [String]) async throws -> Bool {
        try await TestBed.eventually(45) { try queues.allSatisfy { try llenSum(db: db, key: $0) == 0 } }
    }

    static func snapshotJSON(_ args: [String]) throws -> [String: Any] {
        let r = try Subprocess.run([binary, "snapshot", "--json", "--pg", TestBed.pg] + args)
        guard r.status == 0 else { throw TestBedError.failed("snapshot: \(r.err)\(r.out)") }
        return try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any] ?? [:]
    }
}
