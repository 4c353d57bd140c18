import Testing

@testable import Model
@testable import sentry_console

/// `check` claims only what its window can show: a rule it cannot judge is named, never reported.
@Suite struct CheckWindowTests {
    static func postgres(at t: Double, events: Int64) -> PostgresSnapshot {
        PostgresSnapshot(
            takenAt: t, serverVersion: "15.8", database: "sentry", maxConnections: 100, reservedConnections: 3,
            total: 2, byState: [NamedCount(name: "idle", count: 2)], byApplication: [], byClient: [], byUser: [],
            longestQuery: nil, longestTransaction: nil, lockWaits: [], transactions: 1000, statsEpoch: 1,
            tables: [
                TableCounters(name: "nodestore_node", inserts: events, updates: 0, liveTuples: events, seqScans: 0)
            ],
            install: SentryInstall(hasIssues: true, hasNodestore: true, latestMigration: "0640_index_together"))
    }

    /// Statistics flushed once in a 1 s window: 80 events/s, then 0 — quantization, not a stalled ingest.
    static func quantized() -> ConsoleState {
        var s = ConsoleState(interval: 0.5)
        for (t, events) in [(0.0, 0), (0.5, 40), (1.0, 40)] {
            s.apply(.postgres(.success(postgres(at: t, events: Int64(events))), at: t, retryAt: t))
        }
        return s
    }

    @Test func aShortWindowNeitherReportsRatesNorJudgesRateRules() {
        let notEvaluated = Check.notEvaluated(interval: 1, thresholds: AlertThresholds())
        #expect(notEvaluated["events_per_s"] != nil && notEvaluated["ingest.stalled"] != nil)
        let report = CheckReport(state: Self.quantized(), now: 1, notEvaluated: notEvaluated)
        #expect(report.perfdata["events_per_s"] == nil)
        #expect(!report.items.contains { $0.rule == "ingest.stalled" }, "\(report.items.map(\.rule))")
        #expect(report.notEvaluated == notEvaluated)
    }

    @Test func aLongEnoughWindowReportsTheRate() {
        let notEvaluated = Check.notEvaluated(interval: 10, thresholds: AlertThresholds())
        #expect(notEvaluated["events_per_s"] == nil)
        var s = ConsoleState(interval: 5)
        for (t, events) in [(0.0, 0), (10.0, 200)] {
            s.apply(.postgres(.success(Self.postgres(at: t, events: Int64(events))), at: t, retryAt: t))
        }
        #expect(CheckReport(state: s, now: 10, notEvaluated: notEvaluated).perfdata["events_per_s"] == 20)
    }
}
