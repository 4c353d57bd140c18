import ArgumentParser
import Console
import ConsoleApp
import Foundation
import Model
import Recording

/// `sentry-console replay`: a recording on the console's own screens (interactive), one moment as the
/// `snapshot` JSON (`--at`), or a stretch as series (`--from/--to`). Never connects to a server.
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a recording: the same screens at any recorded moment, or export it (never connects).")

    @Argument(help: ArgumentHelp("A recording directory (or one of its .ndjson.gz segments).", valueName: "dir"))
    var path: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The moment: epoch seconds, ISO-8601, HH:MM[:SS] local, +90s from the start, -30m from the end (write --at=-30m).",
            valueName: "time"))
    var at: String?

    @Option(name: .long, help: ArgumentHelp("Export from this time (forms as --at).", valueName: "time"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Export to this time (forms as --at).", valueName: "time"))
    var to: String?

    @Flag(
        name: .long,
        help: "With --at: print the snapshot JSON (as `snapshot --json`) of the last sample at or before it.")
    var json = false

    @Flag(name: .long, help: "With --from/--to: one CSV row per sample and series (time,metric,label,value).")
    var csv = false

    @Flag(name: .customLong("json-lines"), help: "With --from/--to: one JSON object per sample.")
    var jsonLines = false

    @Flag(
        name: .long,
        help: "With --from/--to: OpenMetrics with timestamps (promtool tsdb create-blocks-from openmetrics).")
    var openmetrics = false

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

    @Flag(name: .long, help: ArgumentHelp("Refused: a replay never writes.", visibility: .hidden))
    var write = false

    @Option(
        name: .customLong("bench-seeks"), help: ArgumentHelp("Time N random seeks (bench/run).", visibility: .hidden))
    var benchSeeks: Int?

    func validate() throws {
        if write { throw ValidationError("--write is not available in a replay: it shows the past and never writes") }
        let formats = [csv, jsonLines, openmetrics].filter { $0 }.count
        if formats > 1 { throw ValidationError("choose one of --csv, --json-lines, --openmetrics") }
        if formats == 1 && (from == nil || to == nil) {
            throw ValidationError("--csv, --json-lines and --openmetrics export a stretch: give --from and --to")
        }
        if (from != nil || to != nil) && formats == 0 {
            throw ValidationError("--from/--to export series: add --csv, --json-lines or --openmetrics")
        }
        if json && at == nil { throw ValidationError("--json prints one moment: give --at") }
    }

    func run() async throws {
        if let benchSeeks { return try RecordingBench.seeks(path, count: benchSeeks) }
        let recording: Recording
        do {
            recording = try Recording(path: path)
        } catch {
            FileHandle.standardError.write(Data("sentry-console replay: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        let offset = Runtime.localUTCOffset()
        func time(_ text: String, _ flag: String) throws -> Double {
            guard
                let t = TimeSpec.resolve(
                    text, forward: recording.start, backward: recording.end, latest: recording.end, utcOffset: offset)
            else {
                throw ValidationError(
                    "\(flag) \(text): not a time (epoch seconds, ISO-8601, HH:MM, +90s from the start, -30m from the end)"
                )
            }
            return t
        }
        if let from, let to {
            let a = try time(from, "--from")
            let b = try time(to, "--to")
            let format: ReplayExport.Format = csv ? .csv : jsonLines ? .jsonLines : .openMetrics
            let out = ReplayExport(timeline: recording).render(from: a, to: b, as: format)
            FileHandle.standardOutput.write(Data(Self.safe(out).utf8))
            return
        }
        if let at, !isatty(STDOUT_FILENO).boolValue || json {
            let t = try time(at, "--at")
            let state = ReplayExport(timeline: recording).state(at: t)
            let report = SnapshotReport(replayed: state, at: min(t, recording.end))
            print(Self.safe(json ? try report.json() : report.text()), terminator: json ? "\n" : "")
            return
        }
        let start = try at.map { try time($0, "--at") }
        let (loaded, warnings) = try ThemeLoader.load(theme ?? "default")
        for w in warnings { FileHandle.standardError.write(Data("sentry-console: theme: \(w)\n".utf8)) }
        var header = HeaderInfo(
            postgresTarget: recording.header.postgres, redisTarget: recording.header.redis, utcOffset: offset)
        header.context = recording.header.install  // the context it was recorded in (--context), if any
        let app = await ReplayRuntime(
            recording: recording, header: header, at: start, theme: loaded, forceASCII: ascii, mouse: !noMouse)
        let (code, torn) = await app.run()
        if torn > 0 {
            FileHandle.standardError.write(
                Data("sentry-console replay: \(torn) torn record(s) skipped (a crash's last write)\n".utf8))
        }
        if code != 0 { throw ExitCode(code) }
    }
}

extension Replay {
    /// A recording is a file anyone may have edited: its text is sanitized line by line before it reaches a
    /// terminal or a pipe (JSON escapes C0 controls itself, not C1 or bidi overrides).
    static func safe(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TextSanitizer.clean(String($0), maxLength: 1_000_000) }.joined(separator: "\n")
    }
}

extension Int32 {
    fileprivate var boolValue: Bool { self != 0 }
}
