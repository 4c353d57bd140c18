import ArgumentParser
import Console
import Foundation
import Model
import Probes

/// The interactive console (the default subcommand).
struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Open the live console (default).")

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: "Seconds between samples (0.5–60, default 2).")
    var interval: Double?

    @Option(name: .long, help: "Theme name (from themes/) or path to a .theme file.")
    var theme: String?

    @Flag(name: .long, help: "Use ASCII line drawing (also automatic in non-UTF-8 locales).")
    var ascii = false

    @Flag(name: .long, help: "Ring the terminal bell when an alert starts firing.")
    var bell = false

    func validate() throws {
        if let i = interval, !(0.5...60).contains(i) { throw ValidationError("--interval must be between 0.5 and 60 s") }
    }

    func run() async throws {
        let config = try connection.loadConfig()
        let interval = self.interval ?? config.interval ?? 2
        guard (0.5...60).contains(interval) else { throw ValidationError("console.interval must be between 0.5 and 60 s") }
        let (loaded, warnings) = ThemeLoader.load(theme ?? config.theme ?? "default")
        for w in warnings { FileHandle.standardError.write(Data("sentry-console: theme: \(w)\n".utf8)) }
        let app = await App(
            postgres: connection.postgresSource(config), redis: try connection.redisSource(config),
            postgresLabel: ConninfoLabel.describe(connection.postgresConninfo(config)),
            redisLabel: try connection.redisEndpoint(config).description, interval: interval, theme: loaded,
            forceASCII: ascii || (config.ascii ?? false), taskbrokerMigration: connection.taskbroker(config),
            thresholds: config.thresholds, bell: bell || (config.bell ?? false))
        let code = await app.run()
        if code != 0 { throw ExitCode(code) }
    }
}
