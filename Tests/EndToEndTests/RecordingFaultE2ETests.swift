import Foundation
import TestSupport
import Testing

/// A recording directory that fills up: `record` stops with the reason and leaves a readable recording;
/// `watch --record` says so on its status line and keeps watching. A real full filesystem: a tiny tmpfs
/// (mounting needs root, as in CI).
@Suite(.enabled(if: E2E.enabled && getuid() == 0, "needs the bed and root (tmpfs)"), .serialized)
struct RecordingFaultE2ETests {
    /// A 1 MiB tmpfs with `free` bytes left; unmounted by the caller.
    func fullFilesystem(free: Int) throws -> String {
        let dir = NSTemporaryDirectory() + "sc-full-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let m = try Subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir])
        guard m.status == 0 else { throw Subprocess.Failure(description: "mount: \(m.err)") }
        let fill = try Subprocess.run([
            "dd", "if=/dev/zero", "of=\(dir)/filler", "bs=1024", "count=\(1024 - free / 1024)",
        ])
        #expect(fill.status == 0, "\(fill.err)")
        return dir
    }

    func unmount(_ dir: String) {
        _ = try? Subprocess.run(["umount", dir])
        try? FileManager.default.removeItem(atPath: dir)
    }

    var argv: [String] { ["--pg", E2E.pg, "--redis", "redis://127.0.0.1:\(E2E.redisPort)/0", "--interval", "1"] }

    @Test func recordStopsWithTheReasonAndTheRecordingStaysReadable() async throws {
        let fs = try fullFilesystem(free: 20 * 1024)
        defer { unmount(fs) }
        // Bounded: a recorder that never hits the full disk must fail the test, not hang it.
        let r = try await Subprocess.runDetached(["timeout", "60", E2E.binary, "record", "--out", fs + "/rec"] + argv)
        #expect(r.status == 1)
        #expect(r.err.contains("No space left on device") && r.err.contains("disk full"), "\(r.err)")
        let replay = try Subprocess.run([E2E.binary, "replay", fs + "/rec", "--at=-0s", "--json"])
        #expect(replay.status == 0 && replay.out.contains("\"queues\""), "\(replay.err)")
    }

    @Test func watchRecordSaysSoAndKeepsWatching() async throws {
        let fs = try fullFilesystem(free: 20 * 1024)
        defer { unmount(fs) }
        let t = try Tmux(width: 120, height: 30, argv: [E2E.binary, "--record", fs + "/rec"] + argv)
        var (ok, screen) = await t.waitFor(60) { $0.contains("recording stopped") }
        #expect(ok, "no notice:\n\(screen)")
        #expect(screen.contains("No space left on device"), "\(screen)")
        // Still live: a key is answered and the clock moves on.
        try t.send("3")
        (ok, screen) = await t.waitFor(10) { $0.contains("Workers") }
        #expect(ok, "the console stopped answering:\n\(screen)")
        try t.send("q")
        let status = await t.waitForExit()
        #expect(status?.contains("EXIT=0") == true, "\(status ?? "")")
    }
}
