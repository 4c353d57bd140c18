import ArgumentParser
import Exporter
import Foundation
import Model
import Probes

/// `sentry-console exporter`: the console's probes, model and rules behind a Prometheus `/metrics` endpoint.
/// Collects at scrape time (shared by scrapes < 1 s apart); never pings workers unless `--inspect-workers`.
struct ExporterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exporter",
        abstract: "Serve Prometheus metrics (queue depth, events processed, Postgres connections …) on /metrics.")

    static let defaultListen = "127.0.0.1:9188"

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup(title: "Workers") var workers: WorkerOptions
    @OptionGroup(title: "Alerts") var alerting: AlertOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Address to listen on: host:port or [ipv6]:port (default \(ExporterCommand.defaultListen); config exporter.listen).",
            valueName: "host:port"))
    var listen: String?

    @Flag(
        name: .customLong("print-rules"),
        help: "Print Prometheus alerting rules equivalent to the built-in ones, with your thresholds, and exit.")
    var printRules = false

    func validate() throws {
        if let listen { _ = try Self.parseListen(listen) }
    }

    /// Splits `host:port` / `[v6]:port`; the port must be 0…65535.
    static func parseListen(_ s: String) throws -> (host: String, port: Int) {
        let host: Substring
        let port: Substring
        if s.hasPrefix("["), let close = s.firstIndex(of: "]") {
            host = s[s.index(after: s.startIndex)..<close]
            port = s[s.index(after: close)...].drop { $0 == ":" }
        } else if let colon = s.lastIndex(of: ":") {
            host = s[..<colon]
            port = s[s.index(after: colon)...]
        } else {
            throw ValidationError("--listen must be host:port (e.g. \(defaultListen)), got \(s)")
        }
        guard !host.isEmpty, let p = Int(port), (0...65535).contains(p) else {
            throw ValidationError("--listen must be host:port with a port 0–65535 (e.g. \(defaultListen)), got \(s)")
        }
        return (String(host), p)
    }

    func run() async throws {
        let config = try connection.loadConfig()
        let thresholds = alerting.thresholds(config)
        if printRules {
            print(PrometheusRules.yaml(PrometheusRules.rules(thresholds)), terminator: "")
            return
        }
        ProcessMemory.configure()
        let trim = ProcessMemory.startTrimming()
        defer { trim.cancel() }
        let (host, port) = try Self.parseListen(listen ?? config.exporterListen ?? Self.defaultListen)
        let pg = connection.postgresSource(config)
        let rd = try connection.redisSource(config)
        let listener = try WorkerOptions.listener(config, connection)
        defer { listener.stop() }
        let pidbox = try workers.pidbox(config, connection)
        let now: @Sendable () -> Double = { Date().timeIntervalSince1970 }
        let feeds: [ScrapeCoordinator.Feed] = [
            .init(source: "postgres") { [.postgres(await pg.sample(), at: now(), retryAt: now())] },
            .init(source: "redis") { [.redis(await rd.sample(), at: now(), retryAt: now())] },
            .init(source: "workers") {
                var events: [ProbeEvent] = [.heartbeats(listener.drain(), at: now(), retryAt: now())]
                if let pidbox { events.append(.inspection(await pidbox.inspect(), at: now(), retryAt: now())) }
                return events
            },
        ]
        let version = Version.number
        let coordinator = ScrapeCoordinator(
            state: ConsoleState(
                interval: 15, taskbrokerMigration: connection.taskbroker(config), thresholds: thresholds),
            feeds: feeds, version: version, install: config.context?.name ?? "")
        let routes = ExporterRoutes(coordinator: coordinator, version: version)
        let server = MetricsServer(host: host, port: port) { await routes.respond($0) }
        do {
            try await server.run { bound in
                FileHandle.standardError.write(
                    Data("sentry-console exporter: serving http://\(host):\(bound)/metrics\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(
                Data("sentry-console exporter: cannot listen on \(host):\(port): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
