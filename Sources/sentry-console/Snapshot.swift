import ArgumentParser
import Foundation
import Model
import Probes

/// One complete sample of every probe, printed and done: for scripts, tests and cron.
struct Snapshot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one sample of all probes and exit (non-zero when a source is unreachable).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup(title: "Workers") var workers: WorkerOptions

    @Flag(name: .long, help: "Print JSON (schema in the README) instead of text.")
    var json = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Take N samples 0.5 s apart and print the last (steady-state figures, for benchmarks).", visibility: .hidden
        ))
    var samples = 1

    func run() async throws {
        let config = try connection.loadConfig()
        let pg = connection.postgresSource(config)
        let rd = try connection.redisSource(config)
        let pidbox = try workers.pidbox(config, connection)
        var breakdowns: [QueueBreakdown]?
        for _ in 1..<max(1, samples) {
            if case .success(let s) = await rd.sample(), let b = s.breakdowns { breakdowns = b }
            try await Task.sleep(nanoseconds: 500_000_000)
        }
        async let p = pg.sample()
        async let r = rd.sample()
        async let w = pidbox?.inspect()
        let (pgResult, redisResult, inspection) = await (p, r, w)
        await pidbox?.finish()
        var report = SnapshotReport(
            postgres: pgResult, redis: redisResult, taskbrokerMigration: connection.taskbroker(config))
        report.add(inspection)
        if case .success(let s) = redisResult, let b = s.breakdowns { breakdowns = b }
        if let breakdowns, !breakdowns.isEmpty {
            let missing = EntityNames().missing(in: breakdowns)
            let names = (try? await pg.names(projects: missing.projects, issues: missing.issues).get()) ?? EntityNames()
            report.add(breakdowns, names: names)
        }
        if json {
            print(try report.json())
        } else {
            print(report.text(), terminator: "")
        }
        if report.failed { throw ExitCode(2) }
    }
}
