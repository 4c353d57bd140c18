import ArgumentParser
import Foundation
import Model
import Probes

/// The issue stream without the screen: one query (or `--repeat` refreshes, for benchmarks), printed as a
/// table or JSON. Same probe, same SQL and same read-only session as the Issues screen.
struct Issues: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the issue stream for a search (Sentry syntax) and exit.")

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: "Search, e.g. 'is:unresolved level:error lastSeen:-1h'.")
    var query = IssueQuery.defaultSource

    @Option(name: .long, help: "Sort: lastSeen, timesSeen, firstSeen (trending needs history: use the console).")
    var sort = "lastSeen"

    @Option(name: .long, help: "Rows (1–500).")
    var limit = 50

    @Option(
        name: .long, help: ArgumentHelp("Refresh this many times (benchmarks); prints the last.", visibility: .hidden))
    var `repeat` = 1

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func validate() throws {
        guard (1...500).contains(limit) else { throw ValidationError("--limit must be 1…500") }
        guard IssueSort(rawValue: sort) != nil else {
            throw ValidationError("--sort: lastSeen, timesSeen or firstSeen")
        }
    }

    func run() async throws {
        let config = try connection.loadConfig()
        let q: IssueQuery
        switch IssueQueryParser.parse(query) {
        case .success(let parsed): q = parsed
        case .failure(let f): throw ValidationError("--query: \(f.message)")
        }
        let pg = connection.postgresSource(config)
        // Redis only adds the buffer's pending counts: without it the stored counts are printed.
        let rd = try? connection.redisSource(config)
        var result: Result<IssuesSnapshot, ProbeError> = .failure(ProbeError(.io, "not run"))
        for _ in 0..<max(1, `repeat`) {
            result = await IssuesWithPending.read(
                pg, rd, q, sort: IssueSort(rawValue: sort)!, me: nil, limit: limit,
                budget: IssuesWithPending.commandBudget)
        }
        switch result {
        case .failure(let e):
            FileHandle.standardError.write(Data("sentry-console: \(e.message)\n".utf8))
            throw ExitCode(2)
        case .success(let snap):
            if json {
                let enc = JSONEncoder()
                enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try enc.encode(snap), as: UTF8.self))
            } else {
                print(Self.table(snap), terminator: "")
            }
        }
    }

    static func table(_ s: IssuesSnapshot) -> String {
        var out = "\(s.rows.count) issues · \(s.query) · by \(s.sort.label) · \(Format.fixed(s.elapsedMs, 1)) ms\n"
        for r in s.rows {
            out +=
                DisplayWidth.pad(r.displayId, to: 20) + DisplayWidth.pad(r.status.name, to: 15)
                + DisplayWidth.pad(Format.count(Int(r.liveTimesSeen)), to: 9, right: true) + "  "
                + DisplayWidth.pad(Format.duration(max(0, s.takenAt - r.lastSeen)), to: 6, right: true) + "  "
                + DisplayWidth.truncate(r.title, to: 80) + "\n"
        }
        return out
    }
}
