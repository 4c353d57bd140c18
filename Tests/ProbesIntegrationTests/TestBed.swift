import Foundation
import Testing

/// The real servers the integration tests talk to, started by `scripts/servers` (no mocks).
/// Tests are enabled only when SENTRY_CONSOLE_TEST_PG and SENTRY_CONSOLE_TEST_REDIS are set (scripts/test sets them).
enum TestBed {
    static let env = ProcessInfo.processInfo.environment
    static var enabled: Bool { env["SENTRY_CONSOLE_TEST_PG"] != nil && env["SENTRY_CONSOLE_TEST_REDIS"] != nil }
    static var pg: String { env["SENTRY_CONSOLE_TEST_PG"] ?? "" }
    static var redisPort: String { env["SENTRY_CONSOLE_TEST_REDIS_PORT"] ?? "6379" }
    static var psqlPath: String { env["SENTRY_CONSOLE_TEST_PSQL"] ?? "psql" }

    /// Test threads block every signal (libdispatch does) and a child inherits that mask, so it would never see
    /// SIGTERM; and Foundation's Process waits for a descriptor that any grandchild (a daemon) would keep open.
    /// Every child is therefore exec'd through perl with the mask cleared and descriptors above 2 closed.
    static func unmasked(_ exe: String, _ args: [String]) -> (URL, [String]) {
        (URL(fileURLWithPath: "/usr/bin/perl"),
         ["-MPOSIX", "-e",
          "sigprocmask(SIG_SETMASK, POSIX::SigSet->new); POSIX::close($_) for 3..1023; exec { $ARGV[0] } @ARGV or die \"exec: $!\"",
          exe] + args)
    }

    /// Runs a command and returns stdout (trimmed); fails the test on a non-zero exit.
    @discardableResult
    static func run(_ exe: String, _ args: [String], stdin: String? = nil, capture: Bool = true) throws -> String {
        let p = Process()
        (p.executableURL, p.arguments) = unmasked(exe, args)
        let out = Pipe()
        let err = Pipe()
        // A daemon keeps inherited pipes open forever: give it /dev/null instead.
        p.standardOutput = capture ? out : FileHandle.nullDevice
        p.standardError = capture ? err : FileHandle.nullDevice
        let input = Pipe()
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let data = capture ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let errData = capture ? err.fileHandleForReading.readDataToEndOfFile() : Data()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw TestBedError.failed("\(exe) \(args.joined(separator: " ")): \(String(decoding: errData, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
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
    private let process = Process()
    private let input = Pipe()

    init(_ name: String) throws {
        self.name = name
        (process.executableURL, process.arguments) = TestBed.unmasked(TestBed.psqlPath, ["-X", "-q", TestBed.pg])
        var env = ProcessInfo.processInfo.environment
        env["PGAPPNAME"] = name
        process.environment = env
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func send(_ sql: String) { input.fileHandleForWriting.write(Data((sql + "\n").utf8)) }

    /// The backend pid, once the session has connected.
    func pid() async throws -> Int? {
        var found: Int?
        _ = try await TestBed.eventually(10) {
            found = Int(try TestBed.psql("SELECT pid FROM pg_stat_activity WHERE application_name = '\(name)'"))
            return found != nil
        }
        return found
    }

    /// Ends the session: its backend is terminated server-side (a running pg_sleep would outlive the client).
    func close() {
        _ = try? TestBed.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(name)'")
        try? input.fileHandleForWriting.close()
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
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
