import Foundation

/// A private database on the test server, created from the fixture schema (plus optional ALTERs that reshape
/// it like another Sentry version) and a data file — so tests that write never touch the shared `sentry` db.
public struct TestDatabase: Sendable {
    public let name: String
    public var conninfo: String { LiveServerEnvironment.pg + " dbname=\(name)" }

    public init(name: String) { self.name = name }

    static var psqlPath: String { ProcessInfo.processInfo.environment["SENTRY_CONSOLE_TEST_PSQL"] ?? "psql" }

    /// Runs psql with `args`; throws with stderr on failure, returns trimmed stdout.
    @discardableResult
    static func run(_ args: [String]) throws -> String {
        let r = try Subprocess.run([psqlPath] + args)
        guard r.status == 0 else { throw Subprocess.Failure(description: "psql: \(r.err)") }
        return r.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// psql on the server's own database (to create and drop test databases).
    @discardableResult
    public static func admin(_ sql: String) throws -> String {
        try run(["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", LiveServerEnvironment.pg, "-c", sql])
    }

    public static var fixtures: String {
        ProcessInfo.processInfo.environment["SENTRY_CONSOLE_FIXTURES"] ?? FileManager.default.currentDirectoryPath
            + "/fixtures"
    }

    /// Drops and recreates `name` from sentry-schema.sql, `alter` statements and `data` (a fixtures file).
    public static func create(
        _ name: String, alter: [String] = [], data: String = "seed.sql", variables: [String: String] = [:]
    ) throws -> TestDatabase {
        try admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        try admin("CREATE DATABASE \(name)")
        let db = TestDatabase(name: name)
        var args = ["-X", "-q", "-v", "ON_ERROR_STOP=1"]
        for (k, v) in variables { args += ["-v", "\(k)=\(v)"] }
        args += [db.conninfo, "-f", fixtures + "/sentry-schema.sql"]
        for a in alter { args += ["-c", a] }
        args += ["-f", fixtures + "/" + data]
        try run(Array(args))
        return db
    }

    /// Reuses `name` when it already holds `rows` issues (the large dataset takes ~20 s to build).
    public static func reuseOrCreate(_ name: String, rows: Int, data: String, variables: [String: String] = [:]) throws
        -> TestDatabase
    {
        let db = TestDatabase(name: name)
        let exists = (try? admin("SELECT 1 FROM pg_database WHERE datname = '\(name)'")) == "1"
        if exists, (try? db.psql("SELECT count(*) FROM sentry_groupedmessage")) == String(rows) { return db }
        return try create(name, data: data, variables: variables)
    }

    /// psql against this database, unaligned tuples-only output.
    @discardableResult
    public func psql(_ sql: String) throws -> String {
        try Self.run(["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", conninfo, "-c", sql])
    }

    public func drop() { _ = try? Self.admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }

    /// Ids returned by a query of one bigint column.
    public func ids(_ sql: String) throws -> Set<Int64> {
        Set(try psql(sql).split(whereSeparator: \.isNewline).compactMap { Int64($0) })
    }
}
