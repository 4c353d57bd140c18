import Testing

@testable import Console
@testable import Model

/// The Overview under limits: figures carried between `pg_stat_activity` reads on a big server, a Postgres role
/// without pg_read_all_stats or SELECT, a Redis user without SCAN.
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

    /// A role without pg_read_all_stats: other roles' sessions have no state; they are counted as hidden and the
    /// query/transaction/lock lines say "visible" rather than "none".
    @Test func hiddenSessionsAreCountedNotDropped() {
        let p = PostgresSnapshot(
            takenAt: 1006, serverVersion: "15", database: "sentry", maxConnections: 100, reservedConnections: 3,
            total: 42, byState: [NamedCount(name: "active", count: 1), NamedCount(name: "hidden", count: 41)],
            byApplication: [], byClient: [], byUser: [], longestQuery: nil, longestTransaction: nil, lockWaits: [],
            transactions: 0, statsEpoch: 1, tables: [],
            install: SentryInstall(hasIssues: true, hasNodestore: true, latestMigration: nil))
        var s = ConsoleState()
        s.apply(.postgres(.success(p), at: 1006, retryAt: 1008))
        for (w, h) in [(80, 24), (120, 40)] {
            let text = OverviewSnapshotTests.render(s, w, h).text
            #expect(text.contains("hidden 41"), "\(w)x\(h):\n\(text)")
            #expect(text.contains("GRANT pg_read_all_stats"), "\(w)x\(h):\n\(text)")
        }
        let all = DatabasePanel.lines(p, width: 60, glyphs: .unicode).map { $0.map(\.0).joined() }.joined(
            separator: "\n")
        #expect(all.contains("none visible") && all.contains("no visible waits"), "\(all)")
        #expect(!all.contains("none running") && !all.contains("none open"))
    }

    /// A Redis ACL without SCAN: the Queues panel says the bindings were not listed and what it reads instead.
    @Test func aRefusedScanIsSaidOnTheQueuesPanel() throws {
        var s = OverviewSnapshotTests.busyState()
        var r = try #require(s.redis.latest)
        r.discoveryRefused = "NOPERM this user has no permissions to run the 'scan' command"
        r.takenAt += 2
        s.apply(.redis(.success(r), at: r.takenAt, retryAt: r.takenAt + 2))
        let text = OverviewSnapshotTests.render(s, 120, 40, now: r.takenAt).text
        #expect(text.contains("bindings not listed (SCAN: NOPERM"), "\(text)")
        #expect(text.contains("events.save_event"))
    }
}
