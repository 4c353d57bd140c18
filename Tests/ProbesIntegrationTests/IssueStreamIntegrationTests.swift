import Foundation
import TestSupport
import Testing

@testable import Model
@testable import Probes

extension LiveServers {
    /// The issue stream against real PostgreSQL with the Sentry-shaped fixture: each filter's ids compared with a
    /// plain SQL ground truth, row fields, schema variants of other Sentry versions, and the detail view's event.
    @Suite(.enabled(if: TestBed.enabled, "needs scripts/servers (SENTRY_CONSOLE_TEST_*)"), .serialized)
    struct IssueStreamIntegrationTests {
        static let db = Result { try TestDatabase.create("sc_issues") }

        func source(_ db: TestDatabase) -> PostgresSource { PostgresSource(.init(conninfo: db.conninfo)) }

        func stream(_ src: PostgresSource, _ q: String, sort: IssueSort = .lastSeen, me: Int64? = 1) async throws
            -> IssuesSnapshot
        {
            let query = try IssueQueryParser.parse(q).get()
            return try await src.issues(query, sort: sort, me: me, limit: 500).get()
        }

        /// (search, ground truth WHERE on sentry_groupedmessage g)
        static let filters: [(String, String)] = [
            ("is:unresolved", "status = 0"),
            ("", "status IN (0,1,2)"),
            ("is:resolved", "status = 1"),
            ("is:archived", "status = 2"),
            ("!is:resolved", "status IN (0,2)"),
            ("is:regressed", "status = 0 AND substatus = 6"),
            ("is:ongoing", "status = 0 AND substatus = 3"),
            ("is:new project:api", "status = 0 AND substatus = 7 AND project_id = 1"),
            ("is:unassigned is:unresolved", "status = 0 AND id NOT IN (SELECT group_id FROM sentry_groupasignee)"),
            ("is:assigned", "status IN (0,1,2) AND id IN (SELECT group_id FROM sentry_groupasignee)"),
            ("assigned:me", "status IN (0,1,2) AND id IN (SELECT group_id FROM sentry_groupasignee WHERE user_id = 1)"),
            (
                "assigned:oncall@example.com",
                "status IN (0,1,2) AND id IN (SELECT group_id FROM sentry_groupasignee WHERE user_id = 1)"
            ),
            (
                "assigned:#backend",
                "status IN (0,1,2) AND id IN (SELECT group_id FROM sentry_groupasignee WHERE team_id = 1)"
            ),
            ("assigned:none is:resolved", "status = 1 AND id NOT IN (SELECT group_id FROM sentry_groupasignee)"),
            ("is:for_review", "status IN (0,1,2) AND id IN (SELECT group_id FROM sentry_groupinbox)"),
            ("!is:for_review is:unresolved", "status = 0 AND id NOT IN (SELECT group_id FROM sentry_groupinbox)"),
            (
                "is:bookmarked",
                "status IN (0,1,2) AND id IN (SELECT group_id FROM sentry_groupbookmark WHERE user_id = 1)"
            ),
            ("level:fatal is:unresolved", "status = 0 AND level = 50"),
            ("!level:error", "status IN (0,1,2) AND level <> 40"),
            ("timesSeen:>100", "status IN (0,1,2) AND times_seen > 100"),
            ("timesSeen:<=10", "status IN (0,1,2) AND times_seen <= 10"),
            ("age:-5h", "status IN (0,1,2) AND first_seen >= now() - interval '5 hours'"),
            ("age:+2d", "status IN (0,1,2) AND first_seen < now() - interval '2 days'"),
            ("lastSeen:+30m is:unresolved", "status = 0 AND last_seen < now() - interval '30 minutes'"),
            ("handler 1", "status IN (0,1,2) AND (message ILIKE '%handler 1%' OR view ILIKE '%handler 1%')"),
            (
                "!handler is:unresolved",
                "status = 0 AND message NOT ILIKE '%handler%' AND coalesce(view, '') NOT ILIKE '%handler%'"
            ),
            ("数据库", "status IN (0,1,2) AND message LIKE '%数据库%'"),
            ("process_2", "status IN (0,1,2) AND view LIKE '%process\\_2%'"),
            ("%", "false"),
            ("project:nope", "false"),
        ]

        @Test(arguments: filters)
        func filterMatchesGroundTruth(_ search: String, _ truth: String) async throws {
            let db = try Self.db.get()
            let snap = try await stream(source(db), search)
            let expected = try db.ids("SELECT id FROM sentry_groupedmessage WHERE \(truth)")
            #expect(Set(snap.rows.map(\.id)) == expected, "\(search)")
            #expect(snap.rows.count == expected.count, "no duplicates from the joins")
        }

        @Test func rowsCarryJoinedFieldsSanitized() async throws {
            let db = try Self.db.get()
            let rows = try await stream(source(db), "").rows
            let byId = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
            #expect(byId[2]?.assignee == .user(id: 1, name: "On Call", email: "oncall@example.com"))
            #expect(byId[3]?.assignee == .team(id: 1, slug: "backend"))
            #expect(byId[6]?.bookmarked == true && byId[7]?.bookmarked == false)
            #expect(byId[1]?.inInbox == true && byId[11]?.inInbox == false)
            #expect(byId[61]?.displayId == "API-Z9", "short id 1001 in project api")
            #expect(byId[55]?.displayId == "#55", "NULL short_id")
            #expect(byId[54]?.status == IssueStatus(status: 0, substatus: nil))
            #expect(byId[54]?.status.name == "unresolved")
            #expect(byId[53] == nil, "pending deletion is hidden")
            #expect(byId[62]?.title == "数据库连接失败 😱 接続エラー")
            #expect(byId[1]?.organizationSlug == "acme")
            let hostile = try #require(byId[61])
            #expect(!hostile.title.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
            #expect(!hostile.culprit.unicodeScalars.contains { $0 == "\u{202E}" })
            #expect(hostile.title.contains("RED ALERT"))
        }

        @Test(arguments: IssueSort.allCases)
        func sortsByIndexedColumns(_ sort: IssueSort) async throws {
            let db = try Self.db.get()
            let rows = try await stream(source(db), "is:unresolved", sort: sort).rows
            switch sort {
            case .lastSeen, .trending: #expect(rows.map(\.lastSeen) == rows.map(\.lastSeen).sorted(by: >))
            case .timesSeen: #expect(rows.map(\.timesSeen) == rows.map(\.timesSeen).sorted(by: >))
            case .firstSeen: #expect(rows.map(\.firstSeen) == rows.map(\.firstSeen).sorted(by: >))
            }
        }

        @Test func assignedMeWithoutAUserIsAClearError() async throws {
            let db = try Self.db.get()
            let q = try IssueQueryParser.parse("assigned:me").get()
            let r = await source(db).issues(q, sort: .lastSeen, me: nil)
            #expect(throws: ProbeError.self) { try r.get() }
            if case .failure(let e) = r { #expect(e.message.contains("--as")) }
        }

        /// 23.10 (no priority columns), 25.x (no score, no grouphistory.actor_id) and a pre-substatus install.
        static let variants: [(String, [String], String?)] = [
            (
                "sc_v2310", ["ALTER TABLE sentry_groupedmessage DROP COLUMN priority, DROP COLUMN priority_locked_at"],
                "no priority column"
            ),
            (
                "sc_v25",
                [
                    "ALTER TABLE sentry_groupedmessage DROP COLUMN score",
                    "ALTER TABLE sentry_grouphistory DROP COLUMN actor_id",
                ], nil
            ),
        ]

        @Test(arguments: variants)
        func worksOnOtherSentryShapes(_ name: String, _ alter: [String], _ note: String?) async throws {
            let db = try TestDatabase.create(name, alter: alter)
            defer { db.drop() }
            let snap = try await stream(source(db), "is:new level:error")
            let expected = try db.ids(
                "SELECT id FROM sentry_groupedmessage WHERE status = 0 AND substatus = 7 AND level = 40")
            #expect(Set(snap.rows.map(\.id)) == expected)
            if let note {
                #expect(snap.schemaNotes.contains { $0.contains(note) })
            } else {
                #expect(snap.schemaNotes.isEmpty)
            }
            #expect(snap.rows.allSatisfy { $0.priority == nil })
        }

        @Test func detailDecodesTheLatestStoredEvent() async throws {
            let db = try Self.db.get()
            let src = source(db)
            let rows = try await stream(src, "").rows
            let one = try #require(rows.first { $0.id == 1 })
            let d = try await src.issueDetail(one).get()
            guard case .found(let e) = d.event else {
                Issue.record("no event: \(d.event)")
                return
            }
            #expect(e.eventId == "00000000000000000000000000abc001")
            #expect(e.exceptionType == "KeyError" && e.exceptionValue == "'user_id'")
            #expect(e.frames == ["__call__ (app/wsgi.py:41)", "process_1 (app/handlers.py:121)"])
            #expect(e.tags.map(\.0) == ["environment", "server_name", "release"])

            let hostile = try #require(rows.first { $0.id == 61 })
            guard case .found(let h) = try await src.issueDetail(hostile).get().event else {
                Issue.record("hostile event not found")
                return
            }
            for text in [h.exceptionType, h.exceptionValue] + h.frames + h.tags.flatMap({ [$0.0, $0.1] }) {
                #expect(
                    !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x9B },
                    "\(text.debugDescription)")
            }
            #expect(h.exceptionValue.contains("日本語 😱"))

            let cjk = try #require(rows.first { $0.id == 62 })
            guard case .unavailable = try await src.issueDetail(cjk).get().event else {
                Issue.record("matched a foreign event")
                return
            }
        }

        /// A busy install: other projects' events crowd the seconds before the issue's last_seen, and the issue's
        /// own event was stored two seconds after it (ingest latency).
        @Test func detailFindsTheEventAmongABusyNodestore() async throws {
            let db = try Self.db.get()
            let one = try #require(
                try db.psql("SELECT extract(epoch FROM last_seen) FROM sentry_groupedmessage WHERE id = 5").split(
                    separator: "\n"
                ).first)
            // 160 events of another project in the 4 s before last_seen (40 events/s).
            try db.psql(
                """
                INSERT INTO nodestore_node (id, data, timestamp)
                SELECT md5('busy' || n), 'eJyrVkrLz1eyUkpKLFKqBQAdegQ0', to_timestamp(\(one)) - interval '4 seconds' + n * interval '25 ms'
                FROM generate_series(0, 159) n
                """)
            // base64(zlib({"event_id": "busy5", "project": 3, "culprit": "app.handlers.process_5", "title": …, "exception": …}))
            let blob =
                "eJxVjEEKAyEMRa8i2cymzKZ0M/uueoRSBusEahGVGIeKePeJUgrd5f+8/yrgjp5Xu8Gi4JlTucBJQaTwRsPSnSWZ7CLZnkDHOL+03xxSmoUymNI6JmzZYUduWK5EgRY15YQk6klZr74rNWD8GIxsg5dBhV27jEnOewUu8c/S6fHv5U8I7dHaAYx2PTE="
            try db.psql(
                "INSERT INTO nodestore_node (id, data, timestamp) VALUES (md5('3:busy5'), '\(blob)', to_timestamp(\(one)) + interval '2 seconds')"
            )
            // Another issue with the same culprit but a different error, stored first: same culprit is not enough.
            let decoy =
                "eJxljLEKwzAMRH8laC5ZSpfs/YNupQTjHNTFsYUshwbjf4+doUs33d17KoQNQWe30DTQAhv3G10GYokfWG3ltSWbPYvriQzz+DZh8ZA0NsoipflU1KlHRx5uRcx6F4kyDZmTCszaEXwtWF0MDSu0GZ+R2vkspDv/ud04mT783tRXrQeB2j0k"
            try db.psql(
                "INSERT INTO nodestore_node (id, data, timestamp) VALUES (md5('3:decoy5'), '\(decoy)', to_timestamp(\(one)) + interval '1 second')"
            )
            let src = source(db)
            let row = try #require(try await stream(src, "").rows.first { $0.id == 5 })
            guard case .found(let e) = try await src.issueDetail(row).get().event else {
                Issue.record("event lost among busy rows")
                return
            }
            #expect(e.eventId == "busy5")
        }

        @Test func legacyPickledEventsAreNeverDecoded() throws {
            // base64(zlib(b"\x80\x02}q\x00.")) — a pickle protocol 2 empty dict.
            guard case .legacyPickle = NodestoreDecoder.decode("eJxrYKotZNADAAaFAZ8=") else {
                Issue.record("pickle payload not recognised as legacy")
                return
            }
            guard case .invalid = NodestoreDecoder.decode("not base64 at all!") else {
                Issue.record("garbage decoded")
                return
            }
        }
    }
}
