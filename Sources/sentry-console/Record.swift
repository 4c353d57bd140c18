import ArgumentParser
import Dispatch
import Foundation
import Model
import Probes
import Recording

/// `sentry-console record`: the probes on a fixed interval, their results and the console's alert transitions
/// appended to a recording directory until SIGINT/SIGTERM. Headless, read-only, for days.
struct Record: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record what the probes see into a directory, for `sentry-console replay` (runs until stopped).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup(title: "Workers") var workers: WorkerOptions
    @OptionGroup(title: "Alerts") var alerting: AlertOptions
    @OptionGroup(title: "Retention") var retention: RecordOptions

    @Option(name: .long, help: ArgumentHelp("The recording directory (created if missing).", valueName: "dir"))
    var out: String

    @Option(name: .long, help: "Seconds between samples (0.5–300, default 5).")
    var interval: Double = 5

    @Option(
        name: .customLong("synthesize-from"),
        help: ArgumentHelp("Write --hours of this recording repeated, ending now (bench/run).", visibility: .hidden))
    var synthesizeFrom: String?

    @Option(name: .long, help: ArgumentHelp("Hours for --synthesize-from.", visibility: .hidden))
    var hours: Double = 24

    func validate() throws {
        guard (0.5...300).contains(interval) else { throw ValidationError("--interval must be between 0.5 and 300 s") }
    }

    func run() async throws {
        if let synthesizeFrom { return try RecordingBench.synthesize(from: synthesizeFrom, into: out, hours: hours) }
        ProcessMemory.configure()
        let trim = ProcessMemory.startTrimming()
        defer { trim.cancel() }
        let config = try connection.loadConfig()
        let thresholds = alerting.thresholds(config)
        let header = RecordingHeader(
            console: Version.number, started: Date().timeIntervalSince1970, interval: interval,
            install: config.context?.name ?? "", postgres: ConninfoLabel.describe(connection.postgresConninfo(config)),
            redis: try connection.redisEndpoint(config).description, thresholds: thresholds,
            taskbrokerMigration: connection.taskbroker(config))
        // A file-size limit (ulimit -f) must end in the write error below, not in SIGXFSZ's core dump.
        signal(SIGXFSZ, SIG_IGN)
        let writer: RecordingWriter
        let options = try retention.writerOptions()
        do {
            writer = try RecordingWriter(directory: out, header: header, options: options)
        } catch {
            FileHandle.standardError.write(Data("sentry-console record: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        let feeds = RecorderFeeds(
            postgres: connection.postgresSource(config), redis: try connection.redisSource(config),
            listener: try WorkerOptions.listener(config, connection), pidbox: try workers.pidbox(config, connection))
        var loop = RecorderLoop(
            feeds: feeds, writer: writer,
            state: ConsoleState(
                interval: interval, taskbrokerMigration: header.taskbrokerMigration, thresholds: thresholds))
        FileHandle.standardError.write(
            Data("sentry-console record: recording every \(Format.duration(interval)) into \(out)\n".utf8))
        let stop = StopSignals()
        let code = await loop.run(interval: interval, stop: stop)
        writer.close()
        feeds.listener.stop()
        await feeds.pidbox?.finish()
        if code != 0 { throw ExitCode(code) }
    }
}
