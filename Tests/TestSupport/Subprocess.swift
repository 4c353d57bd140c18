import Foundation

/// Child processes for tests, spawned with posix_spawn: the child gets a clean signal mask and default
/// dispositions (test threads block signals, and a child would inherit that), only fds 0–2 (our pipes are
/// CLOEXEC), and is reaped with waitpid — Foundation's Process on Linux proved unreliable for both.
public struct Subprocess {
    public let pid: pid_t
    /// Write end of the child's stdin, when requested.
    public let stdin: Int32?

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Starts `argv` (resolved through PATH); output goes to the given fds or /dev/null.
    public static func spawn(
        _ argv: [String], stdinPipe: Bool = false, stdout: Int32? = nil, stderr: Int32? = nil,
        environment: [String: String]? = nil
    ) throws -> Subprocess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        var writeEnd: Int32?
        if stdinPipe {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw Failure(description: "pipe failed") }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
            writeEnd = fds[1]
            defer { close(fds[0]) }
            return try launch(
                argv, &actions, &attr, stdout: stdout, stderr: stderr, environment: environment, stdinWrite: writeEnd)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        return try launch(
            argv, &actions, &attr, stdout: stdout, stderr: stderr, environment: environment, stdinWrite: nil)
    }

    private static func launch(
        _ argv: [String], _ actions: inout posix_spawn_file_actions_t, _ attr: inout posix_spawnattr_t,
        stdout: Int32?, stderr: Int32?, environment: [String: String]?, stdinWrite: Int32?
    ) throws -> Subprocess {
        if let stdout {
            posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        if let stderr {
            posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup($0) } + [nil]
        defer {
            for a in cArgs { free(a) }
            for e in cEnv { free(e) }
        }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, &attr, cArgs, cEnv)
        guard rc == 0 else { throw Failure(description: "spawn \(argv[0]): \(String(cString: strerror(rc)))") }
        return Subprocess(pid: pid, stdin: stdinWrite)
    }

    /// Writes text to the child's stdin.
    public func send(_ text: String) {
        guard let fd = stdin else { return }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// Waits for the child and returns its exit status (128+signal when killed).
    @discardableResult
    public func wait() -> Int32 {
        if let fd = stdin { close(fd) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let termsig = status & 0x7f
        return termsig == 0 ? (status >> 8) & 0xff : 128 + termsig
    }

    public func kill(_ signal: Int32 = SIGKILL) { _ = Glibc.kill(pid, signal) }

    /// `run` on a thread of its own: a long child does not hold one of the few threads every async test shares
    /// (a 30 s synchronous wait there starves other suites' polling loops past their deadlines).
    public static func runDetached(_ argv: [String], environment: [String: String]? = nil) async throws
        -> (status: Int32, out: String, err: String)
    {
        try await withCheckedThrowingContinuation { c in
            Thread.detachNewThread {
                c.resume(with: Result { try run(argv, environment: environment) })
            }
        }
    }

    /// Runs to completion and returns (status, stdout, stderr).
    public static func run(_ argv: [String], input: String? = nil, environment: [String: String]? = nil) throws
        -> (status: Int32, out: String, err: String)
    {
        let out = CaptureFile()
        let err = CaptureFile()
        let p = try spawn(argv, stdinPipe: input != nil, stdout: out.fd, stderr: err.fd, environment: environment)
        if let input { p.send(input) }
        let status = p.wait()
        return (status, out.read(), err.read())
    }
}

/// An anonymous temporary file a child writes to (no pipe to fill up or keep open), read after it exits.
public final class CaptureFile {
    private let file = tmpfile()

    public init() {}

    public var fd: Int32 { fileno(file) }

    public func read() -> String {
        rewind(file)
        var data = [UInt8]()
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buf, 1, buf.count, file)
            if n <= 0 { break }
            data += buf[0..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }

    deinit { fclose(file) }
}

/// What scripts/test (or scripts/servers env) exported: where the live servers are.
public enum LiveServerEnvironment {
    public static let env = ProcessInfo.processInfo.environment
    /// On when the servers are configured, or when scripts/test demands them (then a missing one fails, not skips).
    public static var enabled: Bool {
        env["SENTRY_CONSOLE_REQUIRE_SERVERS"] == "1"
            || (env["SENTRY_CONSOLE_TEST_PG"] != nil && env["SENTRY_CONSOLE_TEST_REDIS_PORT"] != nil)
    }
    public static var pg: String { env["SENTRY_CONSOLE_TEST_PG"] ?? "" }
    public static var redisPort: String { env["SENTRY_CONSOLE_TEST_REDIS_PORT"] ?? "6379" }

    /// The built executable: SENTRY_CONSOLE_BIN, or .build/debug in the package.
    public static var binary: String {
        if let b = env["SENTRY_CONSOLE_BIN"] { return b }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../.build/debug/sentry-console").standardized.path
    }
}
