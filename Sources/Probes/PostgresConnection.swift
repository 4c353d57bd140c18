internal import CPostgres
import Foundation
import Model

/// One libpq connection, read-only by construction: every session starts with
/// `default_transaction_read_only=on`, `statement_timeout`, `application_name=sentry-console` and a
/// `connect_timeout`. Not thread-safe: used only on its `WorkerThread`.
final class PostgresConnection {
    struct Settings: Sendable {
        /// A libpq conninfo string or URI; nil means libpq's defaults (PG* variables, ~/.pgpass, PGSERVICE).
        var conninfo: String?
        var statementTimeoutMs: Int = 2000
        var connectTimeoutS: Int = 5
        var applicationName = "sentry-console"
        var readOnly = true
    }

    private var conn: OpaquePointer?
    private let settings: Settings
    private let scrubber: SecretScrubber
    /// Server wall clock minus ours is irrelevant: ages are computed server-side.
    let serverVersion: String
    let database: String
    let host: String

    init(_ settings: Settings) throws(ProbeError) {
        self.settings = settings
        scrubber = SecretScrubber(conninfo: settings.conninfo)
        var pairs: [(String, String)] = []
        if let c = settings.conninfo, !c.isEmpty { pairs.append(("dbname", c)) }
        var options = "-c statement_timeout=\(settings.statementTimeoutMs)"
        if settings.readOnly { options += " -c default_transaction_read_only=on" }
        pairs += [
            ("application_name", settings.applicationName),
            ("connect_timeout", String(max(2, settings.connectTimeoutS))),
            ("options", options),
            ("keepalives", "1"), ("keepalives_idle", "10"), ("keepalives_interval", "5"), ("keepalives_count", "3"),
        ]
        let keys = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer {
            for k in keys { free(k) }
            for v in values { free(v) }
        }
        let k: [UnsafePointer<CChar>?] = keys.map { UnsafePointer($0) } + [nil]
        let v: [UnsafePointer<CChar>?] = values.map { UnsafePointer($0) } + [nil]
        let c = PQconnectdbParams(k, v, 1)
        guard let c else { throw ProbeError(.connect, "libpq could not allocate a connection") }
        guard PQstatus(c) == CONNECTION_OK else {
            let message = scrubber.scrub(String(cString: PQerrorMessage(c)))
            PQfinish(c)
            throw ProbeError(.connect, message)
        }
        cpostgres_silence_notices(c)
        conn = c
        serverVersion = String(PQserverVersion(c))
        database = TextSanitizer.clean(String(cString: PQdb(c)), maxLength: 64)
        let h = String(cString: PQhost(c))
        host = TextSanitizer.clean(h.hasPrefix("/") ? "local:\(h)" : h, maxLength: 64)
    }

    deinit { if let conn { PQfinish(conn) } }

    /// True while the socket is usable; after a broken connection the owner must reconnect.
    var isHealthy: Bool { conn.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// Runs one parameterized statement with a client-side deadline (statement_timeout + 1 s); on the
    /// deadline the connection is dropped (never cancelled: see `drop()`), so the caller reconnects.
    func query(_ sql: String, _ params: [String?] = []) throws(ProbeError) -> [[String?]] {
        guard let conn, PQstatus(conn) == CONNECTION_OK else { throw ProbeError(.io, "connection is closed") }
        let copies = params.map { $0.map { strdup($0) } ?? nil }
        defer { for c in copies { free(c) } }
        let values: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        let sent = values.withUnsafeBufferPointer { buf in
            PQsendQueryParams(conn, sql, Int32(params.count), nil, buf.baseAddress, nil, nil, 0)
        }
        guard sent == 1 else { throw failure(.io) }
        let deadline = monotonicMs() + settings.statementTimeoutMs + 1000
        var rows: [[String?]] = []
        var error: ProbeError?
        while true {
            while PQisBusy(conn) == 1 {
                let remaining = deadline - monotonicMs()
                if remaining <= 0 {
                    drop()
                    throw ProbeError(.timeout, "no answer within \(settings.statementTimeoutMs + 1000) ms")
                }
                if cpostgres_wait_readable(conn, Int32(min(remaining, 250))) < 0 || PQconsumeInput(conn) == 0 {
                    throw failure(.io)
                }
            }
            guard let res = PQgetResult(conn) else { break }
            defer { PQclear(res) }
            let status = PQresultStatus(res)
            if status == PGRES_TUPLES_OK {
                rows = Self.rows(of: res)
            } else if status != PGRES_COMMAND_OK && error == nil {
                let state = PQresultErrorField(res, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
                error = ProbeError(.server, scrubber.scrub(String(cString: PQresultErrorMessage(res))), sqlState: state)
            }
        }
        if let error { throw error }
        return rows
    }

    private static func rows(of res: OpaquePointer) -> [[String?]] {
        let n = PQntuples(res)
        let f = PQnfields(res)
        var out: [[String?]] = []
        out.reserveCapacity(Int(n))
        for r in 0..<n {
            var row: [String?] = []
            row.reserveCapacity(Int(f))
            for c in 0..<f {
                row.append(PQgetisnull(res, r, c) == 1 ? nil : String(cString: PQgetvalue(res, r, c)))
            }
            out.append(row)
        }
        return out
    }

    private func failure(_ kind: ProbeError.Kind) -> ProbeError {
        let message = conn.map { String(cString: PQerrorMessage($0)) } ?? "connection is closed"
        return ProbeError(kind, scrubber.scrub(message))
    }

    /// Closes the socket without a cancel request: `PQcancel` opens a new connection and waits for the server
    /// with no timeout, so a hung server (stopped, half-open path) would hold this thread until it resumes. The
    /// session's own `statement_timeout` ends the statement on a live server; a dead one never ran it.
    private func drop() {
        guard let c = conn else { return }
        _ = PQsetnonblocking(c, 1)  // the Terminate message must not wait on a full socket either
        PQfinish(c)
        conn = nil
    }

    private func monotonicMs() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
    }
}
