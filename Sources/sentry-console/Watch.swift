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

    @Option(name: .long, help: "Seconds between samples (0.5–60).")
    var interval: Double = 2

    @Option(name: .long, help: "Theme name (from themes/) or path to a .theme file.")
    var theme: String = "default"

    @Flag(name: .long, help: "Use ASCII line drawing (also automatic in non-UTF-8 locales).")
    var ascii = false

    func validate() throws {
        guard (0.5...60).contains(interval) else { throw ValidationError("--interval must be between 0.5 and 60 s") }
    }

    func run() async throws {
        let (loaded, warnings) = ThemeLoader.load(theme)
        let app = await App(
            postgres: connection.postgresSource(), redis: try connection.redisSource(),
            postgresLabel: ConninfoLabel.describe(connection.pg),
            redisLabel: try connection.redisEndpoint().description, interval: interval, theme: loaded,
            forceASCII: ascii, taskbrokerMigration: connection.taskbrokerMigration)
        for w in warnings { FileHandle.standardError.write(Data("theme: \(w)\n".utf8)) }
        let code = await app.run()
        if code != 0 { throw ExitCode(code) }
    }
}
