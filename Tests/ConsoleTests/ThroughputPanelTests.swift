import Testing

@testable import Console
@testable import Model

/// The Throughput panel when events bypass Postgres (a nodestore outside it): events/s is unknown, said why,
/// never 0.
@Suite struct ThroughputPanelTests {
    func state(insertsMove: Bool) -> ConsoleState {
        var s = ConsoleState()
        for t in stride(from: 0.0, through: 140, by: 2) {
            var p = PostgresSnapshot(
                takenAt: t, serverVersion: "15.8", database: "sentry", maxConnections: 100, reservedConnections: 3,
                total: 2, byState: [], byApplication: [], byClient: [], byUser: [], longestQuery: nil,
                longestTransaction: nil, lockWaits: [], transactions: 1000 + Int64(t), statsEpoch: 1,
                tables: [
                    TableCounters(
                        name: "nodestore_node", inserts: insertsMove ? 500 + Int64(t) : 500, updates: 0,
                        liveTuples: 500, seqScans: 0)
                ],
                install: SentryInstall(hasIssues: true, hasNodestore: true, latestMigration: nil))
            p.latestIssueSeen = 5000 + t
            s.apply(.postgres(.success(p), at: t, retryAt: t + 2))
        }
        return s
    }

    func text(_ s: ConsoleState, width: Int = 70) -> String {
        var surface = Surface(width: width, height: 8)
        ThroughputPanel.draw(
            &surface, Rect(x: 0, y: 0, width: width, height: 8), state: s, now: 140, glyphs: .unicode)
        return surface.text
    }

    /// At 80×24 the panel is 30 columns inside: the reason's short form, whole.
    @Test func theReasonFitsANarrowPanelWhole() {
        let line = text(state(insertsMove: false), width: 30).split(separator: "\n").first ?? ""
        #expect(line.hasPrefix("events/s") && line.contains("? not in Postgres"), "\(line)")
    }

    @Test func eventsElsewhereAreUnknownAndSaySo() {
        let unknown = text(state(insertsMove: false))
        let events = unknown.split(separator: "\n").first { $0.hasPrefix("events/s") } ?? ""
        #expect(events.contains("?") && events.contains("not stored in Postgres (nodestore elsewhere)"), "\(unknown)")
        #expect(!events.contains(" 0 "), "unknown is never 0: \(events)")
        let counted = text(state(insertsMove: true)).split(separator: "\n").first { $0.hasPrefix("events/s") } ?? ""
        #expect(counted.contains(" 1.0 ") && !counted.contains("nodestore"), "\(counted)")
    }
}
