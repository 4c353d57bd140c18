import ArgumentParser
import Foundation
import Model
import Probes

/// Headless rule evaluation for cron, Nagios/Icinga or a systemd timer: Nagios exit codes and one line per
/// problem. Three samples spread over `--interval` feed the same model and rules as the console; `for`
/// durations do not apply (the condition seen during the interval is reported).
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate the alert rules and exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (Nagios).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup(title: "Workers") var workers: WorkerOptions

    @Option(name: .long, help: "Seconds over which samples are taken (1–300; ≥ 30 also detects stalled queues).")
    var interval: Double = 5

    @Flag(name: .long, help: "Print JSON instead of Nagios text.")
    var json = false

    func validate() throws {
        guard (1...300).contains(interval) else { throw ValidationError("--interval must be between 1 and 300 s") }
    }

    func run() async throws {
        let config = try connection.loadConfig()
        let pg = connection.postgresSource(config)
        let rd = try connection.redisSource(config)
        // Heartbeats are heard over the whole interval; with --inspect-workers every sample also pings.
        let listener = try WorkerOptions.listener(config, connection)
        defer { listener.stop() }
        let pidbox = try workers.pidbox(config, connection)
        var state = ConsoleState(
            interval: interval / 2, taskbrokerMigration: connection.taskbroker(config), thresholds: config.thresholds)
        for i in 0..<3 {
            if i > 0 { try await Task.sleep(nanoseconds: UInt64(interval / 2 * 1e9)) }
            async let p = pg.sample()
            async let r = rd.sample()
            async let w = pidbox?.inspect()
            let (pr, rr, wr) = await (p, r, w)
            let now = Date().timeIntervalSince1970
            state.apply(.postgres(pr, at: now, retryAt: now))
            state.apply(.redis(rr, at: now, retryAt: now))
            state.apply(.heartbeats(listener.drain(), at: now, retryAt: now))
            if let wr { state.apply(.inspection(wr, at: now, retryAt: now)) }
        }
        await pidbox?.finish()
        let now = Date().timeIntervalSince1970
        let report = CheckReport(state: state, now: now)
        if json {
            print(try report.json())
        } else {
            print(report.text(), terminator: "")
        }
        throw ExitCode(Int32(report.status.rawValue))
    }
}
