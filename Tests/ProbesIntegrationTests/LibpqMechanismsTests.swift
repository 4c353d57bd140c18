import Foundation
import TestSupport
import Testing

extension LiveServers {
    /// Postgres settings the console leaves to libpq, against the real test server: the PG* variables when
    /// nothing else names a server, a service file, and the order flag → config → libpq's environment.
    @Suite(.enabled(if: TestBed.enabled, "needs the test servers"))
    struct LibpqMechanismsTests {
        static var port: String {
            TestBed.pg.split(separator: " ").first { $0.hasPrefix("port=") }.map { String($0.dropFirst(5)) } ?? "5432"
        }

        /// `snapshot --json` with no user config file (HOME elsewhere) and only `env` added to a clean set.
        /// Runs on a thread of its own (`runDetached`): the shared pool stays free for the suites that poll.
        static func snapshot(_ args: [String], env extra: [String: String]) async throws -> (
            status: Int32, json: [String: Any], err: String
        ) {
            var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
            env["HOME"] = NSTemporaryDirectory()
            env["XDG_CONFIG_HOME"] = NSTemporaryDirectory() + "sc-no-config"
            env.merge(extra) { _, new in new }
            let redis = "redis://127.0.0.1:\(TestBed.redisPort)/0"
            let r = try await Subprocess.runDetached(
                [LiveServerEnvironment.binary, "snapshot", "--json", "--redis", redis] + args, environment: env)
            let json = (try? JSONSerialization.jsonObject(with: Data(r.out.utf8))) as? [String: Any] ?? [:]
            return (r.status, json, r.err + r.out)
        }

        static func database(_ json: [String: Any]) -> String? {
            (json["postgres"] as? [String: Any])?["database"] as? String
        }

        @Test func pgVariablesApplyWhenNothingElseNamesAServer() async throws {
            let r = try await Self.snapshot(
                [], env: ["PGHOST": "127.0.0.1", "PGPORT": Self.port, "PGUSER": "postgres", "PGDATABASE": "sentry"])
            #expect(r.status == 0 && Self.database(r.json) == "sentry", "\(r.err)")
            // A conninfo without a port takes libpq's PGPORT; with one, the flag wins over the variable.
            let dead = "1"
            let partial = try await Self.snapshot(
                ["--pg", "host=127.0.0.1 user=postgres dbname=sentry"], env: ["PGPORT": Self.port])
            #expect(partial.status == 0 && Self.database(partial.json) == "sentry", "\(partial.err)")
            let flag = try await Self.snapshot(
                ["--pg", "host=127.0.0.1 port=\(Self.port) user=postgres dbname=sentry"], env: ["PGPORT": dead])
            #expect(flag.status == 0 && Self.database(flag.json) == "sentry", "\(flag.err)")
        }

        @Test func aServiceFileNamesTheServer() async throws {
            let dir = NSTemporaryDirectory() + "sc-service-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let services = dir + "/pg_service.conf"
            try "[sc_test]\nhost=127.0.0.1\nport=\(Self.port)\nuser=postgres\ndbname=sentry\n".write(
                toFile: services, atomically: true, encoding: .utf8)
            let r = try await Self.snapshot(["--pg", "service=sc_test"], env: ["PGSERVICEFILE": services])
            #expect(r.status == 0 && Self.database(r.json) == "sentry", "\(r.err)")
            // The same through the config file, and PGSERVICE alone.
            let config = dir + "/config.toml"
            try "[connections]\npg = \"service=sc_test\"\n".write(toFile: config, atomically: true, encoding: .utf8)
            let viaFile = try await Self.snapshot(["--config", config], env: ["PGSERVICEFILE": services])
            #expect(viaFile.status == 0 && Self.database(viaFile.json) == "sentry", "\(viaFile.err)")
            let viaEnv = try await Self.snapshot([], env: ["PGSERVICEFILE": services, "PGSERVICE": "sc_test"])
            #expect(viaEnv.status == 0 && Self.database(viaEnv.json) == "sentry", "\(viaEnv.err)")
            // An unknown service is a clear error naming it, not a crash or a hang.
            let unknown = try await Self.snapshot(["--pg", "service=nope"], env: ["PGSERVICEFILE": services])
            #expect(unknown.status != 0 && unknown.err.contains("nope"), "\(unknown.err)")
        }
    }
}
