import Foundation
import TestSupport
import Testing

/// Record and replay against the real bed: a recorder watches a queue nobody consumes while a burst lands, is
/// killed with SIGKILL, and the recording still answers `replay --at` with the depths `LLEN` gave at those
/// moments, exports them, and replays them on screen.
@Suite(
    .enabled(if: E2E.enabled && ProcessInfo.processInfo.environment["TESTBED_PYTHON"] != nil, "needs scripts/testbed"),
    .serialized)
struct RecordReplayE2ETests {
    static let db = 6
    static let queue = "sc-rec-burst"

    func produce(_ count: Int) async throws {
        try await E2E.produce(db: Self.db, queue: Self.queue, project: 2, count: count)
    }

    /// `LLEN` of the queue now, and when it was read.
    func truth() throws -> (depth: Int, at: Double) {
        let depth = Int(
            try E2E.redis(Self.db, "LLEN", "gx:" + Self.queue).trimmingCharacters(in: .whitespacesAndNewlines))
        return (depth ?? -1, Date().timeIntervalSince1970)
    }

    /// The queue's depth in `replay --at t --json`.
    func replayedDepth(_ dir: String, at t: Double) throws -> Int? {
        let r = try Subprocess.run([E2E.binary, "replay", dir, "--at", String(t), "--json"])
        guard r.status == 0, let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any],
            let redis = json["redis"] as? [String: Any], let queues = redis["queues"] as? [[String: Any]]
        else { return nil }
        return queues.first { $0["name"] as? String == Self.queue }?["depth"] as? Int
    }

    @Test func aKilledRecordingAgreesWithLLENAndReplaysOnScreen() async throws {
        try E2E.redis(Self.db, "FLUSHDB")
        defer { _ = try? E2E.redis(Self.db, "FLUSHDB") }
        // The queue's binding, as a worker declares it: an empty queue is then a known 0, not unknown.
        let member = "\(Self.queue)\u{06}\u{16}\u{06}\u{16}\(Self.queue)"
        try E2E.redis(Self.db, "SADD", "gx:_kombu.binding.\(Self.queue)", member)
        let dir = NSTemporaryDirectory() + "sc-rec-e2e-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A password in the conninfo (the bed trusts loopback, so it is ignored there) must never be recorded.
        let recorder = try Subprocess.spawn([
            E2E.binary, "record", "--out", dir, "--interval", "1", "--pg", E2E.pg + " password=sc-secret-pw",
            "--redis", "redis://127.0.0.1:\(E2E.redisPort)/\(Self.db)", "--key-prefix", "gx:",
            "--no-sentry-queues", "--queue", Self.queue,
        ])
        defer { recorder.kill() }
        // Each truth is read once the depth has been steady for over two samples.
        try await Task.sleep(nanoseconds: 3_000_000_000)
        let before = try truth()
        try await produce(50)
        try await Task.sleep(nanoseconds: 2_500_000_000)
        let middle = try truth()
        try await produce(30)
        try await Task.sleep(nanoseconds: 2_500_000_000)
        let after = try truth()
        try await Task.sleep(nanoseconds: 1_500_000_000)
        recorder.kill(SIGKILL)
        _ = recorder.wait()
        #expect(before.depth == 0 && middle.depth == 50 && after.depth == 80)

        for (truth, name) in [(before, "before"), (middle, "middle"), (after, "after")] {
            let replayed = try replayedDepth(dir, at: truth.at)
            #expect(
                replayed == truth.depth,
                "\(name): replay --at says \(String(describing: replayed)), LLEN said \(truth.depth)")
        }
        let zcat = try Subprocess.run(["sh", "-c", "zcat '\(dir)'/*.ndjson.gz 2>/dev/null"])
        #expect(zcat.out.contains(Self.queue), "zcat reads a killed recording")
        #expect(!zcat.out.contains("sc-secret-pw"), "a password reached the recording")

        let csv = try Subprocess.run([
            E2E.binary, "replay", dir, "--from", String(before.at), "--to", String(after.at), "--csv",
        ])
        #expect(csv.status == 0, "\(csv.err)")
        let depths = csv.out.split(separator: "\n").filter { $0.contains(",queue_depth,\(Self.queue),") }
            .compactMap { Int($0.split(separator: ",").last ?? "") }
        #expect(depths.first == 0 && depths.last == 80 && depths.contains(50), "\(depths)")

        try backfill(dir, from: before.at, to: after.at)
        try await replayOnScreen(dir, middle: middle.at, after: after.at)
    }

    /// The OpenMetrics export is accepted by Prometheus's own backfill tool, and holds the burst.
    func backfill(_ dir: String, from: Double, to: Double) throws {
        let om = try Subprocess.run([
            E2E.binary, "replay", dir, "--from", String(from), "--to", String(to), "--openmetrics",
        ])
        #expect(om.status == 0, "\(om.err)")
        #expect(om.out.contains("sentry_queue_depth{queue=\"\(Self.queue)\"} 80 "), "\(om.out.prefix(2000))")
        let file = dir + "/export.om"
        try om.out.write(toFile: file, atomically: true, encoding: .utf8)
        let blocks = try Subprocess.run(["promtool", "tsdb", "create-blocks-from", "openmetrics", file, dir + "/tsdb"])
        #expect(blocks.status == 0, "promtool refused the export: \(blocks.out) \(blocks.err)")
    }

    /// The replay in a terminal: the start shows an empty queue, a jump to the burst shows its depth, a step
    /// back and forth moves the recorded clock, and `q` restores the terminal.
    func replayOnScreen(_ dir: String, middle: Double, after: Double) async throws {
        let t = try Tmux(width: 120, height: 30, argv: [E2E.binary, "replay", dir], env: ["TZ": "UTC"])
        func row(_ screen: String) -> String {
            screen.split(separator: "\n").first { $0.contains(Self.queue) }.map(String.init) ?? ""
        }
        var (ok, screen) = await t.waitFor(15) { $0.contains("REPLAY") && $0.contains("empty queue") }
        #expect(ok, "the start of the recording, its empty queue folded:\n\(screen)")
        try t.send("e")  // list it: a replay takes the Overview's keys
        (ok, screen) = await t.waitFor(5) { $0.contains("REPLAY") && row($0).contains(" 0 ") }
        #expect(ok, "the start of the recording:\n\(screen)")
        let clock = { (epoch: Double) -> String in
            let s = Int(epoch) % 86400
            return String(format: "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        }
        try t.send("t")
        try t.send("-l", clock(after))
        try t.send("Enter")
        (ok, screen) = await t.waitFor(10) { row($0).contains(" 80 ") }
        #expect(ok, "the jump to after the burst:\n\(screen)")
        try t.send("t")
        try t.send("-l", clock(middle))
        try t.send("Enter")
        (ok, screen) = await t.waitFor(10) { row($0).contains(" 50 ") && $0.contains(clock(middle)) }
        #expect(ok, "the jump into the burst:\n\(screen)")
        // Two samples on: the jump landed on a whole second, the first sample after it may share that second.
        try t.send("]")
        try t.send("]")
        (ok, screen) = await t.waitFor(10) { !$0.contains(clock(middle)) }
        #expect(ok, "] moves the recorded clock:\n\(screen)")
        try t.send("q")
        let status = await t.waitForExit()
        #expect(status?.contains("EXIT=0") == true && status?.contains("RESTORED") == true, "\(status ?? "")")
    }
}
