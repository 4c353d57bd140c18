import Foundation
import Model

@testable import Recording

/// Snapshots, a writer over simulated time, and scratch directories for the recording tests.
enum RecordingFixtures {
    static let base = (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600

    static func header(at t: Double = base, interval: Double = 1) -> RecordingHeader {
        RecordingHeader(
            console: "test", started: t, interval: interval, install: "test",
            postgres: "postgres@db:5432/sentry", redis: "redis://r:6379/0", thresholds: AlertThresholds(),
            taskbrokerMigration: SentryInstall.defaultTaskbrokerMigration)
    }

    static func redis(at t: Double, depth: Int) -> RedisSnapshot {
        RedisSnapshot(
            takenAt: t, db: 0, keyPrefix: "", broker: .celery,
            queues: [
                QueueSample(name: "events.save_event", depth: depth, byPriority: [depth, 0, 0, 0], source: .binding),
                QueueSample(name: "default", depth: 1, byPriority: [1, 0, 0, 0], source: .binding),
            ],
            inFlight: 2, oldestInFlightSeconds: 3, bufferBacklog: 0, stats: RedisStats(version: "7.0.15"))
    }

    static func postgres(at t: Double, events: Int64) -> PostgresSnapshot {
        PostgresSnapshot(
            takenAt: t, serverVersion: "15.8", database: "sentry", maxConnections: 100, reservedConnections: 3,
            total: 4, byState: [NamedCount(name: "active", count: 1), NamedCount(name: "idle", count: 3)],
            byApplication: [], byClient: [], byUser: [], longestQuery: nil, longestTransaction: nil, lockWaits: [],
            transactions: 1000 + events, statsEpoch: 1,
            tables: [
                TableCounters(name: "nodestore_node", inserts: events, updates: 0, liveTuples: events, seqScans: 0)
            ],
            install: SentryInstall(hasIssues: true, hasNodestore: true, latestMigration: "0640_index_together"))
    }

    /// One sampling round at `t`: Redis with `depth` waiting, Postgres with `events` stored so far.
    static func round(at t: Double, depth: Int, events: Int64) -> [RecordEntry] {
        [
            .event(.postgres(.success(postgres(at: t, events: events)), at: t, retryAt: t + 1)),
            .event(.redis(.success(redis(at: t + 0.01, depth: depth)), at: t + 0.01, retryAt: t + 1.01)),
        ]
    }

    /// A scratch directory, removed by the caller.
    static func directory() -> String {
        let path = NSTemporaryDirectory() + "sc-rec-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `seconds` of rounds every `interval` seconds from `start` (depth rises then falls).
    static func write(
        _ dir: String, from start: Double = base, seconds: Double, interval: Double = 1,
        options: RecordingWriter.Options = .init()
    ) throws -> RecordingWriter {
        let w = try RecordingWriter(directory: dir, header: header(at: start, interval: interval), options: options)
        var t = start
        while t < start + seconds {
            let i = Int((t - start) / interval)
            try w.append(round(at: t, depth: depth(i), events: Int64(i * 5)), now: t)
            t += interval
        }
        return w
    }

    static func depth(_ i: Int) -> Int { i < 100 ? i * 10 : max(0, 1000 - (i - 100) * 20) }

    /// A line's JSON, for comparing entries (ProbeEvent is not Equatable).
    static func json(_ e: RecordEntry) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        return String(decoding: (try? enc.encode(e)) ?? Data(), as: UTF8.self)
    }
}

extension MemoryTimeline {
    /// A timeline holding `entries` (in time order), with the fixtures' header and room for a day.
    static func holding(_ entries: [RecordEntry]) -> MemoryTimeline {
        let t = MemoryTimeline(header: RecordingFixtures.header(), keepSeconds: 86400)
        t.append(entries.sorted { $0.time < $1.time })
        return t
    }
}

/// The decompressed text of a directory's segments, read with zlib the way `zcat` does.
enum Zcat {
    static func text(_ dir: String) throws -> String {
        var out = ""
        for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".gz") {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
            out += String(decoding: Inflater.inflate(bytes, from: 0, to: bytes.count).text, as: UTF8.self)
        }
        return out
    }
}

extension [RecordEntry] {
    /// Without the writer's own interval lines (one per member and per change), for comparing with what was
    /// appended.
    var appended: [RecordEntry] { filter { if case .interval = $0 { false } else { true } } }
}
