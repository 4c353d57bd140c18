import Testing

@testable import Console
@testable import Model

/// The Database panel on a big server: figures carried between `pg_stat_activity` reads.
@Suite struct DatabasePanelTests {
    /// Connection figures carried between pg_stat_activity reads (big servers) say how old they are.
    @Test func carriedConnectionFiguresSayTheirAge() {
        var p = PostgresSnapshot(
            takenAt: 1006, serverVersion: "15", database: "sentry", maxConnections: 2200, reservedConnections: 3,
            total: 2015, byState: [NamedCount(name: "idle", count: 1200)], byApplication: [], byClient: [],
            byUser: [], longestQuery: nil, longestTransaction: nil, lockWaits: [], transactions: 0, statsEpoch: 1,
            tables: [], install: SentryInstall(hasIssues: true, hasNodestore: true, latestMigration: nil))
        var s = ConsoleState()
        s.apply(.postgres(.success(p), at: 1006, retryAt: 1008))
        #expect(!OverviewSnapshotTests.render(s, 80, 24).text.contains(" old"), "read in this sample")
        p.activityAt = 998
        s.apply(.postgres(.success(p), at: 1006, retryAt: 1008))
        for (w, h) in [(80, 24), (120, 40)] {
            let conns =
                OverviewSnapshotTests.render(s, w, h).text.split(separator: "\n").first { $0.contains("conns ") } ?? ""
            #expect(conns.contains("2015/2197 92% · 8s old"), "\(w)x\(h): \(conns)")
        }
    }
}
