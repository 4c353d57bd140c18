import Foundation
import Model

/// What `check` remembers between runs: the Postgres table counters of its last sample, so that a check run
/// from cron every few minutes sees the sequential scans made between runs (a 5 s check alone cannot: the
/// rule needs a rate over ≥ 10 s). One small JSON file per Postgres target; written atomically; a file for
/// another target, another statistics epoch or older than `maxAge` is ignored.
struct CheckMemory: Codable, Equatable {
    static let format = 1
    /// Older memories are ignored: an average over hours would hide a burst and blame an old one.
    static let maxAge: Double = 3600

    var format = CheckMemory.format
    /// The Postgres target it belongs to, as shown in the header (no password).
    var target: String
    var statsEpoch: Double
    var takenAt: Double
    var tables: [TableCounters]
    /// The newest issue `last_seen` then (nil: unknown; files written before it existed decode without it).
    var latestIssueSeen: Double?

    /// Whether events were stored outside Postgres between this memory and `now`: issues were seen (the newest
    /// `last_seen` moved) over at least `EventStoreCheck`'s window while `nodestore_node` got no row — the same
    /// evidence the console watches live, here across two runs.
    func eventsElsewhere(since now: PostgresSnapshot) -> Bool {
        guard let before = latestIssueSeen, let after = now.latestIssueSeen, after > before,
            now.takenAt - takenAt >= EventStoreCheck.defaultWindow,
            let was = tables.first(where: { $0.name == "nodestore_node" })?.inserts,
            let isNow = now.table("nodestore_node")?.inserts
        else { return false }
        return was == isNow
    }

    /// `$XDG_STATE_HOME/sentry-console/check-<hash of target>.json` (default `~/.local/state/…`).
    static func defaultPath(target: String) -> String {
        let env = ProcessInfo.processInfo.environment
        let base =
            env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? "/tmp") + "/.local/state")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in target.utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        return base + "/sentry-console/check-" + String(hash, radix: 16) + ".json"
    }

    /// The memory at `path` if it is usable for `target` at `now` and `epoch`; nil otherwise.
    static func load(path: String, target: String, epoch: Double, now: Double) -> CheckMemory? {
        guard let data = FileManager.default.contents(atPath: path),
            let m = try? JSONDecoder().decode(CheckMemory.self, from: data), m.format == format, m.target == target,
            m.statsEpoch == epoch, now - m.takenAt >= 10, now - m.takenAt <= maxAge
        else { return nil }
        return m
    }

    /// Writes atomically (temporary file, then rename); returns why it could not, or nil.
    func save(path: String) -> String? {
        do {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            try JSONEncoder().encode(self).write(to: url, options: .atomic)
            return nil
        } catch {
            return "cannot save check state to \(path): \(error.localizedDescription)"
        }
    }
}
