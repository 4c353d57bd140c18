import Foundation
import TestSupport

/// A private database on the test server, created from the fixture schema (plus optional ALTERs that reshape
/// it like another Sentry version) and a data file — so tests that write never touch the shared `sentry` db.
struct TestDatabase {
    let name: String
    var conninfo: String { TestBed.pg + " dbname=\(name)" }

    static var fixtures: String {
        ProcessInfo.processInfo.environment["SENTRY_CONSOLE_FIXTURES"] ?? FileManager.default.currentDirectoryPath + "/fixtures"
    }

    /// Drops and recreates `name` from sentry-schema.sql, `alter` statements and `data` (a fixtures file).
    static func create(_ name: String, alter: [String] = [], data: String = "seed.sql", variables: [String: String] = [:]) throws -> TestDatabase {
        try TestBed.psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        try TestBed.psql("CREATE DATABASE \(name)")
        let db = TestDatabase(name: name)
        var args = ["-X", "-q", "-v", "ON_ERROR_STOP=1"]
        for (k, v) in variables { args += ["-v", "\(k)=\(v)"] }
        args += [db.conninfo, "-f", fixtures + "/sentry-schema.sql"]
        for a in alter { args += ["-c", a] }
        args += ["-f", fixtures + "/" + data]
        try TestBed.run(TestBed.psqlPath, args)
        return db
    }

    /// Reuses `name` when it already holds `rows` issues (the large dataset takes ~20 s to build).
    static func reuseOrCreate(_ name: String, rows: Int, data: String, variables: [String: String] = [:]) throws -> TestDatabase {
        let db = TestDatabase(name: name)
        let exists = (try? TestBed.psql("SELECT 1 FROM pg_database WHERE datname = '\(name)'")) == "1"
        if exists, (try? db.psql("SELECT count(*) FROM sentry_groupedmessage")) == String(rows) { return db }
        return try create(name, data: data, variables: variables)
    }

    /// psql against this database, unaligned tuples-only output.
    @discardableResult
    func psql(_ sql: String) throws -> String {
        try TestBed.run(TestBed.psqlPath, ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", conninfo, "-c", sql])
    }

    /// Ids returned by a query of one bigint column.
    func ids(_ sql: String) throws -> Set<Int64> {
        Set(try psql(sql).split(whereSeparator: \.isNewline).compactMap { Int64($0) })
    }
}
