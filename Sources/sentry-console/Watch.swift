import ArgumentParser
import Console
import ConsoleApp
import Foundation
import Model
import Probes
import Recording

/// The interactive console (the default subcommand).
struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Open the live console (default).")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup(title: "Workers") var workers: WorkerOptions
    @OptionGroup(title: "Alerts") var alerting: AlertOptions

    @Option(name: .long, help: "Seconds between samples (0.5–60, default 2).")
    var interval: Double?

    @Option(name: .long, help: "Theme name (from themes/) or path to a .theme file.")
    var theme: String?

    @Flag(name: .long, help: "Use ASCII line drawing (also automatic in non-UTF-8 locales).")
    var ascii = false

    @Flag(
        name: .customLong("no-mouse"),
        help:
            "Leave the mouse to the terminal (text selection without Shift); by default a click selects, the wheel scrolls."
    )
    var noMouse = false

    @Flag(name: .long, help: "Ring the terminal bell when an alert starts firing.")
    var bell = false

    @Flag(
        name: .long,
        help:
            "Write mode: allow triage (resolve, archive, assign …) after a confirmation; needs --as. Only a flag, never the config file."
    )
    var write = false

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("The Sentry user (email or username) triage is recorded as.", valueName: "email"))
    var actAs: String?

    @Option(
        name: .customLong("audit-log"),
        help: ArgumentHelp(
            "JSON-lines audit log of every write (default $XDG_STATE_HOME/sentry-console/audit.jsonl).",
            valueName: "path"))
    var auditLog: String?

    @Option(
        name: .customLong("sentry-url"),
        help: ArgumentHelp(
            "Base URL of Sentry's web UI, for issue links (e.g. https://sentry.example.com).", valueName: "url"))
    var sentryURL: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also record what the console receives into this directory (see `record`, `replay`).", valueName: "dir"))
    var record: String?

    @OptionGroup(title: "Recording (with --record)") var retention: RecordOptions

    func validate() throws {
        if let i = interval, !(0.5...60).contains(i) {
            throw ValidationError("--interval must be between 0.5 and 60 s")
        }
    }

    /// Validates write mode before the screen opens: the audit log must open and the user must exist.
    func prepareTriage(_ config: ConfigFile, postgres: PostgresSource) async throws -> Triage? {
        guard write else { return nil }
        if let ctx = config.context, ctx.effectiveWrite == .never {
            throw ValidationError(
                "context '\(ctx.name)' does not allow writes (write = \"never\"\(ctx.write == nil ? ", the default for a production-like name" : "")); set write = \"confirm\" in [contexts.\(ctx.name)] to allow them"
            )
        }
        guard let who = actAs ?? config.actAs else {
            throw ValidationError(
                "--write needs --as EMAIL (or triage.as in the config file): the Sentry user changes are recorded as")
        }
        let audit: AuditLog
        do {
            audit = try AuditLog(path: auditLog ?? config.auditLog ?? AuditLog.defaultPath)
        } catch {
            throw ValidationError("write mode: \(error.message)")
        }
        switch await postgres.user(who) {
        case .failure(let e): throw ValidationError("write mode needs Postgres to look up --as \(who): \(e.message)")
        case .success(nil):
            throw ValidationError("write mode: no active Sentry user \(who) (auth_user email or username)")
        case .success(let user?):
            var w = TriageWriter.Configuration(conninfo: connection.postgresConninfo(config))
            w.connectTimeoutS = connection.pgConnectTimeout ?? config.pgConnectTimeout ?? 5
            return Triage(writer: TriageWriter(w), actor: user, audit: audit)
        }
    }

    /// The app core's settings: each from its flag, else the config file, else the default.
    func coreConfiguration(_ config: ConfigFile, triage: Triage? = nil, inspection: String? = nil) throws
        -> AppCore.Configuration
    {
        let interval = self.interval ?? config.interval ?? 2
        guard (0.5...60).contains(interval) else {
            throw ValidationError("console.interval must be between 0.5 and 60 s")
        }
        var core = AppCore.Configuration(
            header: HeaderInfo(
                postgresTarget: ConninfoLabel.describe(connection.postgresConninfo(config)),
                redisTarget: try connection.redisEndpoint(config).description, writeMode: triage != nil,
                utcOffset: Runtime.localUTCOffset()))
        core.header.sentryURL = sentryURL ?? config.sentryURL ?? ""
        core.header.actor = triage?.actor.label ?? ""
        if let ctx = config.context {
            core.header.context = ctx.badge
            core.header.contextRole = ctx.role
            core.header.contextName = ctx.name
        }
        core.header.contexts = config.contexts.keys.sorted()
        core.header.readOnlyContexts = Set(config.contexts.values.filter { $0.effectiveWrite == .never }.map(\.name))
        core.header.workerInspection = inspection
        core.interval = interval
        core.thresholds = alerting.thresholds(config)
        core.taskbrokerMigration = connection.taskbroker(config)
        core.bell = bell || (config.bell ?? false)
        core.silenceActor = triage?.actor.email ?? AuditLog.osUser
        return core
    }

    /// The `--record` directory's writer, opened before the screen (a locked or unwritable directory is an
    /// error the operator sees on the terminal, not behind the console).
    func openRecording(_ config: ConfigFile, core: AppCore.Configuration) throws -> RecordingWriter? {
        guard let record else { return nil }
        signal(SIGXFSZ, SIG_IGN)  // a file-size limit is a write error shown on the status line, not a crash
        let header = RecordingHeader(
            console: Version.number, started: Date().timeIntervalSince1970,
            interval: core.interval, install: core.header.context, postgres: core.header.postgresTarget,
            redis: core.header.redisTarget, thresholds: core.thresholds, taskbrokerMigration: core.taskbrokerMigration)
        do {
            return try RecordingWriter(directory: record, header: header, options: retention.writerOptions())
        } catch let e as RecordingError {
            throw ValidationError("--record: \(e.message)")
        }
    }

    func run() async throws {
        ProcessMemory.configure()
        let trim = ProcessMemory.startTrimming()
        defer { trim.cancel() }
        var watch = self
        while true {
            let (code, next) = try await watch.runOnce()
            guard let next else {
                if code != 0 { throw ExitCode(code) }
                return
            }
            // `:` chose another named install: every connection was closed; start over there.
            watch.connection.context = next
        }
    }

    /// One console run on the install the options name; returns its exit code and the context to switch to.
    func runOnce() async throws -> (Int32, String?) {
        let config = try connection.loadConfig()
        _ = try coreConfiguration(config)  // settings errors before anything connects
        let (loaded, warnings) = try ThemeLoader.load(theme ?? config.theme ?? "default")
        for w in warnings { FileHandle.standardError.write(Data("sentry-console: theme: \(w)\n".utf8)) }
        let postgres = connection.postgresSource(config)
        let triage = try await prepareTriage(config, postgres: postgres)
        let pidbox = try workers.pidbox(config, connection)
        let listener = try WorkerOptions.listener(config, connection)
        let core = try coreConfiguration(config, triage: triage, inspection: pidbox?.configuration.serializer)
        let feeds = Runtime.Feeds(
            postgres: postgres, redis: try connection.redisSource(config), listener: listener, pidbox: pidbox)
        let writer = try openRecording(config, core: core)
        let app = await Runtime(
            feeds: feeds, config: core, theme: loaded, forceASCII: ascii || (config.ascii ?? false),
            mouse: !noMouse && (config.mouse ?? true), triage: triage)
        if let writer { await app.startRecording(writer) }
        let code = await app.run()
        return (code, await app.switchTo)
    }
}
