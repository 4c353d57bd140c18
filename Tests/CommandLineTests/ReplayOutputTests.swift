import Foundation
import Model
import Recording
import Testing

@testable import sentry_console

/// A recording is a file anyone may have edited: what `replay` prints never carries a terminal control.
@Suite struct ReplayOutputTests {
    static func hostileRecording() throws -> String {
        let dir = NSTemporaryDirectory() + "sc-hostile-\(UUID().uuidString)"
        let t = Date().timeIntervalSince1970.rounded(.down)
        let header = RecordingHeader(
            console: "test", started: t, interval: 1, install: "", postgres: "pg\u{1B}]0;owned\u{07}",
            redis: "redis", thresholds: AlertThresholds(), taskbrokerMigration: 980)
        let w = try RecordingWriter(directory: dir, header: header)
        for i in 0..<5 {
            let at = t + Double(i)
            let q = QueueSample(
                name: "evil\u{1B}[2J\u{9B}31m\u{202E}queue", depth: 7 + i, byPriority: [7 + i, 0, 0, 0],
                source: .binding, nextTask: "task\u{1B}[5m")
            let s = RedisSnapshot(
                takenAt: at, db: 0, keyPrefix: "", broker: .celery, queues: [q], inFlight: 0,
                oldestInFlightSeconds: nil, bufferBacklog: nil, stats: RedisStats(version: "7"))
            try w.append([.event(.redis(.success(s), at: at, retryAt: at + 1))], now: at)
        }
        w.close()
        return dir
    }

    static func clean(_ s: String) -> Bool {
        !s.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) || $0.value == 0x202E }
    }

    @Test func exportsAndMomentsAreSanitized() throws {
        let dir = try Self.hostileRecording()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try Recording(path: dir)
        let export = ReplayExport(timeline: r)
        for format in [ReplayExport.Format.csv, .jsonLines, .openMetrics] {
            let raw = export.render(from: r.start, to: r.end, as: format)
            #expect(!Self.clean(raw), "the recording really is hostile (\(format))")
            let out = Replay.safe(raw)
            #expect(Self.clean(out), "\(format)")
            #expect(out.contains("evil"), "the data is still there")
        }
        let report = SnapshotReport(replayed: export.state(at: r.end), at: r.end)
        let json = try report.json()
        #expect(Self.clean(Replay.safe(report.text())) && Self.clean(Replay.safe(json)))
        #expect(Replay.safe("{\n  \"a\": 1\n}") == "{\n  \"a\": 1\n}", "layout is kept")
    }
}
