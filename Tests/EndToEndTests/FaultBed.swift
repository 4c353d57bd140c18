import Foundation
import TestSupport

/// The fault suite's own PostgreSQL and Redis (scripts/test starts them beside the bed): nobody else uses them,
/// so they can be frozen (SIGSTOP, as an I/O stall or a half-open path looks), stopped and restarted.
enum FaultBed {
    static let env = ProcessInfo.processInfo.environment
    static var enabled: Bool { E2E.enabled && env["SENTRY_CONSOLE_FAULT_PG"] != nil }
    static var pg: String { env["SENTRY_CONSOLE_FAULT_PG"] ?? "" }
    static var redisPort: String { env["SENTRY_CONSOLE_FAULT_REDIS_PORT"] ?? "" }
    static var redis: String { "redis://127.0.0.1:\(redisPort)/0" }
    static var argv: [String] { ["--pg", pg, "--redis", redis, "--interval", "1"] }

    /// The postmaster and every backend it forked.
    static func postgresPids() throws -> [Int32] {
        let pidFile = (env["SENTRY_CONSOLE_FAULT_PGDATA"] ?? "") + "/postmaster.pid"
        let text = try String(contentsOfFile: pidFile, encoding: .utf8)
        guard let main = Int32(text.split(separator: "\n").first ?? "") else { throw failure("no postmaster pid") }
        let children = try Subprocess.run(["pgrep", "-P", String(main)]).out
        return [main] + children.split(separator: "\n").compactMap { Int32($0) }
    }

    static func redisPid() throws -> Int32 {
        let text = try String(contentsOfFile: env["SENTRY_CONSOLE_FAULT_REDIS_PIDFILE"] ?? "", encoding: .utf8)
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw failure("no pid") }
        return pid
    }

    /// Sends `signal` to every Postgres process (SIGSTOP freezes the server, SIGCONT thaws it).
    static func signalPostgres(_ signal: Int32) throws {
        for pid in try postgresPids() { kill(pid, signal) }
    }

    static func signalRedis(_ signal: Int32) throws { kill(try redisPid(), signal) }

    /// `scripts/servers stop|start` on the fault pair (both servers; start waits until they answer).
    static func servers(_ verb: String) throws {
        let words = (env["SENTRY_CONSOLE_FAULT_SERVERS"] ?? "").split(separator: " ").map(String.init)
        let r = try Subprocess.run(["env"] + words + [verb])
        guard r.status == 0 else { throw failure("servers \(verb): \(r.err)") }
    }

    /// Thaws and starts whatever a failed test left frozen, stopped or password-protected.
    static func heal() {
        try? signalPostgres(SIGCONT)
        try? signalRedis(SIGCONT)
        try? servers("start")
        _ = try? redisCLI("-a", redisSecret, "CONFIG", "SET", "requirepass", "")
    }

    static let redisSecret = "s3cret-fault-pw"

    @discardableResult
    static func redisCLI(_ args: String...) throws -> String {
        let r = try Subprocess.run(["redis-cli", "--no-auth-warning", "-p", redisPort] + args)
        guard r.status == 0 else { throw failure("redis-cli: \(r.err)") }
        return r.out
    }

    @discardableResult
    static func psql(_ sql: String) throws -> String {
        let r = try Subprocess.run([env["SENTRY_CONSOLE_FAULT_PSQL"] ?? "psql", "-X", "-q", "-At", pg, "-c", sql])
        guard r.status == 0 else { throw failure("psql: \(r.err)") }
        return r.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Issues whose titles carry everything hostile a terminal could be sent, seen last (on top of the stream).
    static let hostileInsert = """
        INSERT INTO sentry_groupedmessage (project_id, message, view, status, substatus, short_id, last_seen) VALUES
        (1, E'OSC52 \\x1b]52;c;cHduZWQ=\\x07 TITLE \\x1b]0;pwned\\x07 DCS \\x1bP1$r\\x1b\\\\ C1 \\u009b2J RED \\x1b[31mX',
            E'evil\\u202Ecod\\u200Be', 0, 7, 9001, now() + interval '1 day'),
        (1, E'FAMILY \\U0001F468\\u200D\\U0001F469\\u200D\\U0001F467 FLAGS \\U0001F1FA\\U0001F1F8\\U0001F1E9 KEYCAP 1\\uFE0F\\u20E3 '
            || E'SKIN \\U0001F44D\\U0001F3FF VS16 \\u2764\\uFE0F CJK 数据库 e\\u0301 \\u1100\\u1161 \\u0E01\\u0E31 ZW a\\u200Db',
            'emoji.catalogue', 0, 7, 9002, now() + interval '23 hours'),
        (2, 'LONG ' || repeat(E'x\\u202E', 1) || repeat('word ', 1000), repeat('y', 190), 0, 7, 9003,
            now() + interval '22 hours')
        """

    static func failure(_ text: String) -> Subprocess.Failure { Subprocess.Failure(description: text) }
}

/// A loopback port that accepts connections (the kernel completes the handshake) and never answers: what a
/// half-open path or a wedged proxy looks like to a client.
final class BlackHole {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw FaultBed.failure("black hole: bind/listen failed")
        }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: addr.sin_port))
    }

    deinit { close(fd) }
}
