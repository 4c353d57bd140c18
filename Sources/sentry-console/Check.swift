import ArgumentParser
import Foundation
import Model
import Probes

/// Headless rule evaluation for cron, Nagios/Icinga or a systemd timer: Nagios exit codes and one line per
/// problem. Three samples spread over `--interval` feed the same model and rules as the console; `for`
/// durations do not apply (the condition seen during the interval is reported). Sequential-scan rates span
/// back to the previous run through a small state file (`CheckMemory`), so a 5 s check from cron detects them.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate the alert rules and exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (Nagios).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup(title: "Workers") var workers: WorkerOptions
    @OptionGroup(title: "Alerts") var alerting: AlertOptions

    @Option(name: .long, help: "Seconds over which samples are taken (1–300; ≥ 30 also detects stalled queues).")
    var interval: Double = 5

    @Option(
        name: .customLong("state-file"),
        help: ArgumentHelp(
            "Where the last run's table counters are kept, so scan rates span runs (default $XDG_STATE_HOME/sentry-console/check-<target>.json).",
            valueName: "path"))
    var stateFile: String?

    @Flag(name: .customLong("no-state"), help: "Neither read nor write the state file.")
    var noState = false

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
        var events: [ProbeEvent] = []
        var middlePostgres: ProbeEvent?
        for i in 0..<3 {
            if i > 0 { try await Task.sleep(nanoseconds: UInt64(interval / 2 * 1e9)) }
            async let p = pg.sample()
            async let r = rd.sample()
            async let w = pidbox?.inspect()
            let (pr, rr, wr) = await (p, r, w)
            let now = Date().timeIntervalSince1970
            // Counter rates span the whole interval (first to last sample), never half of it: Postgres publishes
            // its statistics about once a second, so a short pair gives quantized rates (0/40/80 for a true 20).
            // (The middle one counts only when the last failed: the report then shows what was seen last.)
            if i == 1, case .success = pr {
                middlePostgres = .postgres(pr, at: now, retryAt: now)
            } else {
                if i == 2, case .failure = pr, let middlePostgres { events.append(middlePostgres) }
                events.append(.postgres(pr, at: now, retryAt: now))
            }
            events.append(.redis(rr, at: now, retryAt: now))
            events.append(.heartbeats(listener.drain(), at: now, retryAt: now))
            if let wr { events.append(.inspection(wr, at: now, retryAt: now)) }
        }
        await pidbox?.finish()
        var state = ConsoleState(
            interval: interval / 2, taskbrokerMigration: connection.taskbroker(config),
            thresholds: alerting.thresholds(config))
        let (memoryNote, eventsElsewhere) = remember(events, into: &state, config: config)
        for e in events { state.apply(e) }
        var notEvaluated = Self.notEvaluated(interval: interval, thresholds: state.thresholds)
        if eventsElsewhere {
            let why =
                "events are not stored in Postgres: issues were seen since the last run, nodestore_node got no row"
            notEvaluated["events_per_s"] = why
            notEvaluated["ingest.stalled"] = why
        }
        var report = CheckReport(state: state, now: Date().timeIntervalSince1970, notEvaluated: notEvaluated)
        report.notes += memoryNote.map { [$0] } ?? []
        if json {
            print(try report.json())
        } else {
            print(report.text(), terminator: "")
        }
        throw ExitCode(Int32(report.status.rawValue))
    }

    /// The shortest window over which Postgres counter rates are reported.
    static let minimumRateWindow = 4.0

    /// Rules this check cannot judge at `interval`, and why: it claims only what it can detect.
    static func notEvaluated(interval: Double, thresholds t: AlertThresholds) -> [String: String] {
        var out = ["issue.spike": "needs minutes of per-issue rates (the console evaluates it)"]
        if interval < QueueTrend.stallAfter {
            out["queue.stalled"] = "needs --interval ≥ \(Int(QueueTrend.stallAfter)) (a queue unchanged that long)"
        }
        if interval < minimumRateWindow {
            let why = "needs --interval ≥ \(Int(minimumRateWindow)) (Postgres publishes statistics about once a second)"
            out["events_per_s"] = why
            out["issue.new_burst"] = why
        }
        if interval < t.ingestStalledFor {
            out["ingest.stalled"] = "needs --interval ≥ \(Int(t.ingestStalledFor)) (events, then none for that long)"
        }
        return out
    }

    /// Seeds `state` with the previous run's counters and saves this run's; returns a note when the state
    /// file could not be written (the check itself still runs), and whether events bypassed Postgres since then.
    private func remember(_ events: [ProbeEvent], into state: inout ConsoleState, config: ConfigFile) -> (
        note: String?, eventsElsewhere: Bool
    ) {
        guard !noState else { return (nil, false) }
        let samples = events.compactMap { e -> PostgresSnapshot? in
            if case .postgres(.success(let s), _, _) = e { return s }
            return nil
        }
        guard let first = samples.first, let last = samples.last else { return (nil, false) }
        let target = ConninfoLabel.describe(connection.postgresConninfo(config))
        let path = stateFile ?? CheckMemory.defaultPath(target: target)
        var elsewhere = false
        if let m = CheckMemory.load(path: path, target: target, epoch: first.statsEpoch, now: first.takenAt) {
            state.seedSeqScans(m.tables, at: m.takenAt, now: last.takenAt)
            elsewhere = m.eventsElsewhere(since: last)
        }
        let memory = CheckMemory(
            target: target, statsEpoch: last.statsEpoch, takenAt: last.takenAt, tables: last.tables,
            latestIssueSeen: last.latestIssueSeen)
        return (memory.save(path: path), elsewhere)
    }
}
