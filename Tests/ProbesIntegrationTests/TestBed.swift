import Foundation
import TestSupport
import Testing

/// Every suite that talks to the shared servers runs under this one, one suite at a time: they share the
/// Celery workers, Redis dbs and max_connections (a db-storm in one would starve another).
@Suite(.serialized) enum LiveServers {}

/// The real servers the integration tests talk to, started by `scripts/servers` (no mocks).
/// Tests are enabled only when SENTRY_CONSOLE_TEST_PG and SENTRY_CONSOLE_TEST_REDIS are set (scripts/test sets them).
enum TestBed {
    static let env = ProcessInfo.processInfo.environment
    static var enabled: Bool { LiveServerEnvironment.enabled }
    static var pg: String { LiveServerEnvironment.pg }
    static var redisPort: String { LiveServerEnvironment.redisPort }
    static var psqlPath: String { env["SENTRY_CONSOLE_TEST_PSQL"] ?? "psql" }

    /// Runs a command to completion and returns stdout (trimmed); throws on a non-zero exit.
    @discardableResult
    static func run(_ exe: String, _ args: [String]) throws -> String {
        let r = try Subprocess.run([exe] + args)
        guard r.status == 0 else { throw TestBedError.failed("\(exe) \(args.joined(separator: " ")): \(r.err)") }
        return r.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A loopback port the kernel just handed out and released (nothing listens on it).
    static func freePort() throws -> Int { try SilentServer().port }

    /// Starts a private redis-server on `port` (for tests that need a server nobody else touches); the returned
    /// closure stops it.
    static func privateRedis(port: Int, password: String? = nil) throws -> () -> Void {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("sc-redis-\(port).pid").path
        let auth = password.map { "--requirepass \($0)" } ?? ""
        try run(
            "sh",
            [
                "-c",
                "redis-server --port \(port) --bind 127.0.0.1 --save '' \(auth) >/dev/null 2>&1 & echo $! > \(pidFile)",
            ])
        _ = try? run(
            "sh",
            [
                "-c",
                "for i in $(seq 50); do redis-cli -p \(port) \(password.map { "-a \($0) --no-auth-warning" } ?? "") ping >/dev/null 2>&1 && exit 0; sleep 0.1; done",
            ])
        return {
            if let pid = try? String(contentsOfFile: pidFile, encoding: .utf8) {
                _ = try? run("kill", [pid.trimmingCharacters(in: .whitespacesAndNewlines)])
            }
        }
    }

    /// redis-cli against the test server in `db`; arguments are passed binary-safe via argv.
    @discardableResult
    static func redis(_ db: Int, _ args: String...) throws -> String {
        try run("redis-cli", ["-p", redisPort, "-n", String(db)] + args)
    }

    /// psql against the test database, unaligned tuples-only output.
    @discardableResult
    static func psql(_ sql: String) throws -> String {
        try run(psqlPath, ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", pg, "-c", sql])
    }

    /// Polls until `check` is true or `seconds` pass.
    static func eventually(_ seconds: Double = 10, _ check: () async throws -> Bool) async throws -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try await check() { return true }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        return try await check()
    }
}

enum TestBedError: Error { case failed(String) }

/// A long-lived psql session with its own application_name, fed statements through stdin: used to create
/// real idle, idle-in-transaction, active and lock-waiting backends.
final class PsqlSession {
    let name: String
    private let child: Subprocess

    init(_ name: String) throws {
        self.name = name
        var env = ProcessInfo.processInfo.environment
        env["PGAPPNAME"] = name
        child = try Subprocess.spawn([TestBed.psqlPath, "-X", "-q", TestBed.pg], stdinPipe: true, environment: env)
    }

    func send(_ sql: String) { child.send(sql + "\n") }

    /// The backend pid, once the session has connected.
    func pid() async throws -> Int? {
        var found: Int?
        _ = try await TestBed.eventually(10) {
            found = Int(try TestBed.psql("SELECT pid FROM pg_stat_activity WHERE application_name = '\(name)'"))
            return found != nil
        }
        return found
    }

    private var closed = false

    /// Ends the session: its backend is terminated server-side (a running pg_sleep would outlive the client).
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? TestBed.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(name)'")
        child.kill()
        child.wait()
    }

    deinit { close() }
}

/// A loopback TCP listener that accepts connections and never answers: a hung server.
final class SilentServer {
    let port: Int
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            port = 0
            throw TestBedError.failed("cannot listen")
        }
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        port = Int(UInt16(bigEndian: addr.sin_port))
    }

    deinit { Foundation.close(fd) }
}
