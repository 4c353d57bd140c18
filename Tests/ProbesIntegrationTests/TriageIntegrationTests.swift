import Foundation
import TestSupport
import Testing

@testable import Model
@testable import Probes

extension LiveServers {
    /// Each triage action's rows compared with what Sentry writes (sentry-schema.md §5), the optimistic concurrency
    /// conflict, the audit log, and the read-only session's refusal — against real PostgreSQL, in a private database.
    @Suite(.enabled(if: TestBed.enabled, "needs scripts/servers (SENTRY_CONSOLE_TEST_*)"), .serialized)
    struct TriageIntegrationTests {
        let db: TestDatabase
        let writer: TriageWriter
        let actor = SentryUser(id: 1, name: "On Call", email: "oncall@example.com")

        init() throws {
            db = try TestDatabase.create("sc_triage")
            writer = TriageWriter(.init(conninfo: db.conninfo))
        }

        func status(_ id: Int64) throws -> IssueStatus {
            let parts = try db.psql(
                "SELECT status, coalesce(substatus::text, '') FROM sentry_groupedmessage WHERE id = \(id)"
            ).split(separator: "|", omittingEmptySubsequences: false)
            return IssueStatus(status: Int(parts[0])!, substatus: Int(parts[1]))
        }

        func target(_ id: Int64) throws -> TriageTarget {
            TriageTarget(id: id, displayId: "#\(id)", expected: try status(id))
        }

        func apply(_ action: TriageAction, _ ids: Int64...) async throws -> [TriageOutcome] {
            await writer.apply(action, to: try ids.map(target), actor: actor)
        }

        /// Activity rows of an issue as "type|user_id|data", oldest first.
        func activity(_ id: Int64) throws -> [String] {
            try db.psql(
                "SELECT type || '|' || coalesce(user_id::text, '') || '|' || coalesce(data, '') FROM sentry_activity WHERE group_id = \(id) ORDER BY id"
            )
            .split(whereSeparator: \.isNewline).map(String.init)
        }

        /// Group history rows as "status|user_id|organization_id|project_id|prev_history_id".
        func history(_ id: Int64) throws -> [String] {
            try db.psql(
                """
                SELECT status || '|' || coalesce(user_id::text, '') || '|' || organization_id || '|' || project_id || '|' || coalesce(prev_history_id::text, '')
                FROM sentry_grouphistory WHERE group_id = \(id) ORDER BY id
                """
            ).split(whereSeparator: \.isNewline).map(String.init)
        }

        func json(_ s: String) throws -> [String: Any] {
            try #require(JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
        }

        @Test func resolveWritesStatusActivityHistoryAndLeavesTheInbox() async throws {
            #expect(try db.psql("SELECT count(*) FROM sentry_groupinbox WHERE group_id = 7") == "1")
            #expect(try await apply(.resolve, 7) == [.applied])
            #expect(
                try db.psql(
                    "SELECT status, substatus IS NULL, resolved_at > now() - interval '1 minute' FROM sentry_groupedmessage WHERE id = 7"
                ) == "1|t|t")
            #expect(try activity(7) == ["1|1|{}"])
            #expect(try history(7) == ["1|1|1|2|"], "project of issue 7 is 1 + 7 % 3 = 2")
            #expect(try db.psql("SELECT count(*) FROM sentry_groupinbox WHERE group_id = 7") == "0")
            #expect(try await apply(.resolve, 7) == [.skipped("already resolved")])
        }

        @Test func archiveModesWriteSubstatusSnoozeAndIgnoreData() async throws {
            #expect(try await apply(.archive(.forever), 8) == [.applied])
            #expect(try status(8) == IssueStatus(status: 2, substatus: 5))
            #expect(try history(8).first?.hasPrefix("16|") == true)
            let forever = try json(String(try activity(8)[0].split(separator: "|", maxSplits: 2)[2]))
            #expect(forever["ignoreUntilEscalating"] as? Bool == false)
            #expect(forever["ignoreDuration"] is NSNull && forever["ignoreCount"] is NSNull)

            #expect(try await apply(.archive(.forMinutes(60)), 9) == [.applied])
            #expect(try status(9) == IssueStatus(status: 2, substatus: 4))
            #expect(
                try db.psql(
                    "SELECT abs(extract(epoch FROM until - (now() + interval '60 minutes'))) < 60, count IS NULL, actor_id FROM sentry_groupsnooze WHERE group_id = 9"
                ) == "t|t|1")
            let duration = try json(String(try activity(9)[0].split(separator: "|", maxSplits: 2)[2]))
            #expect(duration["ignoreDuration"] as? Int == 60)
            #expect((duration["ignoreUntil"] as? String)?.hasSuffix("Z") == true)
            #expect(try history(9).first?.hasPrefix("17|") == true)

            #expect(try await apply(.archive(.untilEvents(100)), 11) == [.applied])
            #expect(
                try db.psql("SELECT count, state FROM sentry_groupsnooze WHERE group_id = 11")
                    == "100|{\"times_seen\": 34}")

            #expect(try await apply(.archive(.untilEscalating), 12) == [.applied])
            #expect(try status(12) == IssueStatus(status: 2, substatus: 1))
            #expect(try history(12).first?.hasPrefix("15|") == true)
            #expect(try db.psql("SELECT count(*) FROM sentry_groupsnooze WHERE group_id = 12") == "0")
            #expect(try db.psql("SELECT count(*) FROM sentry_groupinbox WHERE group_id IN (8, 9)") == "0")
        }

        @Test func unresolveChoosesOngoingOrNewAndClearsResolutionAndSnooze() async throws {
            #expect(try await apply(.unresolve, 50) == [.applied])
            #expect(try status(50) == IssueStatus(status: 0, substatus: 3), "from resolved → ongoing")
            #expect(
                try db.psql("SELECT resolved_at IS NOT NULL FROM sentry_groupedmessage WHERE id = 50") == "t",
                "resolved_at is left as is")
            #expect(try activity(50) == ["2|1|{}"])
            #expect(try history(50).first?.hasPrefix("0|") == true)

            #expect(try await apply(.archive(.forMinutes(30)), 20) == [.applied])
            #expect(try await apply(.unresolve, 20) == [.applied])
            #expect(
                try status(20) == IssueStatus(status: 0, substatus: 7), "from archived and younger than 7 days → new")
            #expect(try db.psql("SELECT count(*) FROM sentry_groupsnooze WHERE group_id = 20") == "0")
            let h = try history(20)
            #expect(h.count == 2 && h[1].hasPrefix("4|"), "unignored")
            let firstId = try db.psql("SELECT min(id) FROM sentry_grouphistory WHERE group_id = 20")
            #expect(h[1].hasSuffix("|\(firstId)"), "linked to the previous history row")
        }

        @Test func assignReassignAndUnassign() async throws {
            #expect(try await apply(.assign(.user(email: "dana@example.com")), 13) == [.applied])
            #expect(
                try db.psql("SELECT user_id, team_id IS NULL, project_id FROM sentry_groupasignee WHERE group_id = 13")
                    == "2|t|2")
            let data = try json(String(try activity(13)[0].split(separator: "|", maxSplits: 2)[2]))
            #expect(
                data["assignee"] as? String == "2" && data["assigneeEmail"] as? String == "dana@example.com"
                    && data["assigneeType"] as? String == "user")
            let rowId = try db.psql("SELECT id FROM sentry_groupasignee WHERE group_id = 13")
            #expect(try await apply(.assign(.team(slug: "backend")), 13) == [.applied])
            #expect(
                try db.psql("SELECT id, user_id IS NULL, team_id FROM sentry_groupasignee WHERE group_id = 13")
                    == "\(rowId)|t|1", "one row, updated")
            #expect(try history(13).map { $0.prefix(2) } == ["5|", "5|"])
            #expect(try await apply(.unassign, 13) == [.applied])
            #expect(try db.psql("SELECT count(*) FROM sentry_groupasignee WHERE group_id = 13") == "0")
            #expect(try activity(13).last == "12|1|{}")
            #expect(try history(13).last?.hasPrefix("6|") == true)
            #expect(try await apply(.unassign, 13) == [.skipped("was not assigned")])
            let unknown = try await apply(.assign(.user(email: "nobody@example.com")), 13)
            guard case .failed(let why) = unknown.first else {
                Issue.record("assigned to a missing user")
                return
            }
            #expect(why.contains("nobody@example.com"))
            #expect(try activity(13).count == 3, "a failed action writes nothing")
        }

        @Test func bookmarkAndMarkReviewed() async throws {
            #expect(try await apply(.bookmark, 14) == [.applied])
            #expect(try await apply(.bookmark, 14) == [.applied])
            #expect(try db.psql("SELECT count(*) FROM sentry_groupbookmark WHERE group_id = 14 AND user_id = 1") == "1")
            #expect(try await apply(.unbookmark, 14) == [.applied])
            #expect(try db.psql("SELECT count(*) FROM sentry_groupbookmark WHERE group_id = 14") == "0")
            #expect(try activity(14).isEmpty, "Sentry records no activity for bookmarks")

            #expect(try await apply(.markReviewed, 10) == [.applied])
            #expect(try db.psql("SELECT count(*) FROM sentry_groupinbox WHERE group_id = 10") == "0")
            #expect(try activity(10) == ["23|1|{}"])
            #expect(try history(10).first?.hasPrefix("10|") == true)
            #expect(try await apply(.markReviewed, 10) == [.skipped("not in For Review")])
        }

        @Test func aChangedIssueIsSkippedNotOverwritten() async throws {
            let stale = try [target(15), target(16)]
            // Someone resolved it.
            try db.psql("UPDATE sentry_groupedmessage SET status = 1, substatus = NULL WHERE id = 16")
            let outcomes = await writer.apply(.archive(.forever), to: stale, actor: actor)
            #expect(outcomes[0] == .applied)
            #expect(outcomes[1] == .skipped("changed to resolved since it was displayed"))
            #expect(try status(16) == IssueStatus(status: 1, substatus: nil))
            #expect(try activity(16).isEmpty && history(16).isEmpty)
            let gone = await writer.apply(
                .resolve,
                to: [TriageTarget(id: 999_999, displayId: "#999999", expected: IssueStatus(status: 0, substatus: 7))],
                actor: actor)
            #expect(gone == [.skipped("no longer exists")])
        }

        @Test func theConsoleSessionRefusesWrites() throws {
            let conn = try PostgresConnection(.init(conninfo: db.conninfo))
            #expect(throws: ProbeError.self) {
                try conn.query("UPDATE sentry_groupedmessage SET status = 1 WHERE id = 17")
            }
            do {
                _ = try conn.query("DELETE FROM sentry_groupinbox WHERE group_id = 1")
            } catch {
                #expect(error.sqlState == "25006", "read_only_sql_transaction")
            }
            #expect(try status(17) == IssueStatus(status: 0, substatus: 7))
        }

        @Test func auditLogRecordsBeginAndEndAsJSONLines() throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                "sc-audit-\(UUID().uuidString)/audit.jsonl"
            ).path
            let log = try AuditLog(path: path)
            let targets = [TriageTarget(id: 1, displayId: "WEB-1", expected: IssueStatus(status: 0, substatus: 7))]
            #expect(
                log.append(.init(phase: "begin", install: "pg/db", actor: actor, action: .resolve, targets: targets))
                    == nil)
            #expect(
                log.append(
                    .init(
                        phase: "end", install: "pg/db", actor: actor, action: .resolve, targets: targets,
                        outcomes: [.skipped("why")])) == nil)
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 2)
            let end = try json(String(lines[1]))
            #expect(
                end["phase"] as? String == "end" && end["action"] as? String == "resolve"
                    && end["install"] as? String == "pg/db")
            let t = try #require((end["targets"] as? [[String: Any]])?.first)
            #expect(
                t["short_id"] as? String == "WEB-1" && t["result"] as? String == "skipped"
                    && t["reason"] as? String == "why")
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            #expect(throws: ProbeError.self) { try AuditLog(path: "/proc/nope/audit.jsonl") }
        }
    }
}
