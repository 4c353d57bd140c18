import ArgumentParser
import Foundation
import Model
import Probes

/// One complete sample of every probe, printed and done: for scripts, tests and cron.
struct Snapshot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one sample of all probes and exit (non-zero when a source is unreachable).")

    @OptionGroup var connection: ConnectionOptions

    @Flag(name: .long, help: "Print JSON (schema in the README) instead of text.")
    var json = false

    func run() async throws {
        let config = try connection.loadConfig()
        let pg = connection.postgresSource(config)
        let rd = try connection.redisSource(config)
        async let p = pg.sample()
        async let r = rd.sample()
        let (pgResult, redisResult) = await (p, r)
        let report = SnapshotReport(
            postgres: pgResult, redis: redisResult, taskbrokerMigration: connection.taskbroker(config))
        if json {
            print(try report.json())
        } else {
            print(report.text(), terminator: "")
        }
        if report.failed { throw ExitCode(2) }
    }
}
