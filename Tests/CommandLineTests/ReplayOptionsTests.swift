import Testing

@testable import sentry_console

/// `record` and `replay` refuse what they cannot do before touching anything.
@Suite struct ReplayOptionsTests {
    @Test func aReplayNeverWrites() {
        #expect {
            _ = try Replay.parse(["/tmp/rec", "--write"])
        } throws: { "\($0)".contains("never writes") || Replay.message(for: $0).contains("never writes") }
    }

    @Test func exportsNeedAStretchAndOneFormat() {
        for args in [
            ["--csv"], ["--from", "+0s", "--to", "+1m"], ["--from", "+0s", "--to", "+1m", "--csv", "--json-lines"],
            ["--json"],
        ] {
            #expect(throws: (any Error).self, "\(args)") { _ = try Replay.parse(["/tmp/rec"] + args) }
        }
        #expect(throws: Never.self) {
            _ = try Replay.parse(["/tmp/rec", "--from", "+0s", "--to=-1m", "--openmetrics"])
        }
    }

    @Test func retentionTakesDurationsAndSizes() throws {
        let r = try Record.parse(["--out", "/tmp/rec", "--retain", "36h", "--max-size", "2GB"])
        let o = try r.retention.writerOptions()
        #expect(o.retainSeconds == 36 * 3600 && o.maxBytes == 2_000_000_000)
        #expect(RecordOptions.bytes("500MB") == 500_000_000 && RecordOptions.bytes("1.5G") == 1_500_000_000)
        for bad in [["--retain", "soon"], ["--max-size", "lots"], ["--max-size", "10KB"], ["--interval", "0.1"]] {
            #expect(throws: (any Error).self, "\(bad)") { _ = try Record.parse(["--out", "/tmp/rec"] + bad) }
        }
    }
}
