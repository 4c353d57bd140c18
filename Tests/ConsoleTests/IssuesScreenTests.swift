import Testing

@testable import Console
@testable import Model

/// The Issues screen without a terminal: keys → intents (targets captured, read-only refusal, filter errors)
/// and text snapshots of the list, the detail and the confirmation, hostile strings included.
@Suite struct IssuesScreenTests {
    static let now = 10_000.0

    static func rows() -> [IssueRow] {
        [
            IssueRow(
                id: 1, projectId: 1, projectSlug: "api", organizationSlug: "acme", shortId: 1, level: 40,
                title: "KeyError: 'user_id'", culprit: "app.handlers.process",
                status: IssueStatus(status: 0, substatus: 7),
                timesSeen: 1200, firstSeen: now - 7200, lastSeen: now - 5, inInbox: true),
            IssueRow(
                id: 2, projectId: 2, projectSlug: "web", organizationSlug: "acme", shortId: 1002, level: 50,
                title: TextSanitizer.clean("数据库连接失败 😱 \u{1B}[2J接続エラー"),
                culprit: TextSanitizer.clean("evil\u{202E}culprit"),
                status: IssueStatus(status: 0, substatus: 6), timesSeen: 40, firstSeen: now - 90000, lastSeen: now - 65,
                assignee: .user(id: 1, name: "On Call", email: "oncall@example.com"), bookmarked: true),
            IssueRow(
                id: 3, projectId: 1, projectSlug: "api", organizationSlug: "acme", shortId: nil, level: 30,
                title: String(repeating: "very long message ", count: 20), culprit: "",
                status: IssueStatus(status: 0, substatus: nil),
                timesSeen: 3, firstSeen: now - 600, lastSeen: now - 600, assignee: .team(id: 1, slug: "backend")),
        ]
    }

    static func state() -> ConsoleState {
        var s = ConsoleState()
        for (i, t) in [now - 120, now - 60, now].enumerated() {
            var rows = rows()
            rows[0].timesSeen += Int64(i * 30)
            s.apply(
                .issues(
                    .success(
                        IssuesSnapshot(rows: rows, query: "is:unresolved", sort: .lastSeen, elapsedMs: 3, takenAt: t)),
                    at: t, retryAt: t + 2))
        }
        return s
    }

    static func render(_ ui: UIState, write: Bool = false, _ w: Int = 120, _ h: Int = 24) -> Surface {
        var header = HeaderInfo(
            postgresTarget: "postgres@db:5432/sentry", redisTarget: "redis://127.0.0.1:6379/0", writeMode: write)
        header.sentryURL = "https://sentry.example.com/"
        header.actor = "On Call <oncall@example.com>"
        return ConsoleView(header: header).render(state: state(), ui: ui, now: now, width: w, height: h)
    }

    func issuesUI() -> UIState {
        var ui = UIState()
        ui.screen = .issues
        return ui
    }

    @Test func list120x24() { assertSnapshot(Self.render(issuesUI()), named: "issues-list-120x24") }
    @Test func list80x24() { assertSnapshot(Self.render(issuesUI(), 80, 24), named: "issues-list-80x24") }

    @Test func detail() {
        var ui = issuesUI()
        ui.issues.detail = 2
        assertSnapshot(Self.render(ui), named: "issues-detail-120x24")
    }

    /// The list shows Sentry's count (stored + pending in its Redis buffer); the detail names both parts.
    @Test func countsIncludeTheBufferAndTheDetailSaysSo() {
        var state = Self.state()
        var rows = Self.rows()
        rows[0].timesSeen += 60
        rows[0].pendingTimesSeen = 25
        state.apply(
            .issues(
                .success(IssuesSnapshot(rows: rows, query: "", sort: .lastSeen, elapsedMs: 3, takenAt: Self.now + 1)),
                at: Self.now + 1, retryAt: Self.now + 3))
        var ui = issuesUI()
        let view = ConsoleView(header: HeaderInfo(postgresTarget: "db", redisTarget: "redis"))
        let list = view.render(state: state, ui: ui, now: Self.now + 1, width: 120, height: 24).text
        #expect(list.contains(" 1,285 "), "\(list)")
        ui.issues.detail = 1
        let detail = view.render(state: state, ui: ui, now: Self.now + 1, width: 120, height: 24).text
        #expect(detail.contains("1,285 (1,260 stored + 25 in Sentry's Redis buffer)"), "\(detail)")
    }

    @Test func confirmationStatesActionCountIdsInstallAndUser() {
        var ui = issuesUI()
        let rows = Self.state().issueRows(now: Self.now)
        _ = ui.issues.handle(.char("x"), rows: rows, writeMode: true, pageSize: 10)
        _ = ui.issues.handle(.char("x"), rows: rows, writeMode: true, pageSize: 10)
        _ = ui.issues.handle(.char("r"), rows: rows, writeMode: true, pageSize: 10)
        let s = Self.render(ui, write: true)
        assertSnapshot(s, named: "issues-confirm-120x24")
        #expect(s.text.contains("resolve — 2 issues"))
        #expect(s.text.contains("API-1, WEB-ZA"))
        #expect(s.text.contains("postgres@db:5432/sentry"))
        #expect(s.text.contains("On Call <oncall@example.com>"))
    }

    @Test func targetsAreCapturedWhenTheDialogOpens() {
        var ui = IssuesUI()
        var rows = Self.rows()
        _ = ui.handle(.down, rows: rows, writeMode: true, pageSize: 10)
        _ = ui.handle(.char("e"), rows: rows, writeMode: true, pageSize: 10)
        _ = ui.handle(.char("1"), rows: rows, writeMode: true, pageSize: 10)
        rows.reverse()  // a refresh re-sorts under the dialog
        rows[1].status = IssueStatus(status: 1, substatus: nil)
        let intent = ui.handle(.char("y"), rows: rows, writeMode: true, pageSize: 10)
        #expect(
            intent == [
                .apply(
                    .archive(.forMinutes(60)),
                    [TriageTarget(id: 2, displayId: "WEB-ZA", expected: IssueStatus(status: 0, substatus: 6))])
            ])
        #expect(ui.modal == nil)
    }

    @Test func readOnlyRefusesTriageKeys() {
        for key: Character in ["r", "e", "u", "a", "A", "b", "v"] {
            var ui = IssuesUI()
            let intent = ui.handle(.char(key), rows: Self.rows(), writeMode: false, pageSize: 10)
            #expect(ui.modal == nil, "\(key) opened a dialog in read-only mode")
            #expect(
                intent?.count == 1
                    && intent?.allSatisfy { if case .notify(let n) = $0 { n.isError } else { false } } == true)
        }
        var ui = issuesUI()
        if case .notify(let n) = ui.issues.handle(.char("r"), rows: Self.rows(), writeMode: false, pageSize: 10)?.first
        {
            ui.status = n
        }
        #expect(Self.render(ui).text.contains("read-only: triage needs --write --as EMAIL"))
    }

    @Test func badFilterShowsInlineErrorAndKeepsTheQuery() {
        var ui = issuesUI()
        _ = ui.issues.handle(.char("/"), rows: [], writeMode: false, pageSize: 10)
        _ = ui.issues.handle(.ctrl("u"), rows: [], writeMode: false, pageSize: 10)
        for c in "is:bogus" { _ = ui.issues.handle(.char(c), rows: [], writeMode: false, pageSize: 10) }
        #expect(ui.issues.handle(.enter, rows: [], writeMode: false, pageSize: 10) == [])
        #expect(ui.issues.query.source == "is:unresolved")
        #expect(Self.render(ui).text.contains("is:bogus is not known"))
        _ = ui.issues.handle(.ctrl("u"), rows: [], writeMode: false, pageSize: 10)
        for c in "level:fatal q" { _ = ui.issues.handle(.char(c), rows: [], writeMode: false, pageSize: 10) }
        #expect(ui.issues.handle(.enter, rows: [], writeMode: false, pageSize: 10) == [.refresh])
        #expect(ui.issues.query.source == "level:fatal q", "q is typed, not quit")
        #expect(ui.issues.modal == nil)
    }

    /// Read-only, "me" is unknown: a filter error under the filter line, the previous query kept (not an outage).
    @Test func assignedToMeWithoutWriteModeIsAFilterError() {
        for write in [false, true] {
            var ui = issuesUI()
            _ = ui.issues.handle(.char("/"), rows: [], writeMode: write, pageSize: 10)
            _ = ui.issues.handle(.ctrl("u"), rows: [], writeMode: write, pageSize: 10)
            for c in "assigned:me" { _ = ui.issues.handle(.char(c), rows: [], writeMode: write, pageSize: 10) }
            let intents = ui.issues.handle(.enter, rows: [], writeMode: write, pageSize: 10)
            if write {
                #expect(intents == [.refresh] && ui.issues.query.source == "assigned:me")
            } else {
                #expect(intents == [] && ui.issues.query.source == "is:unresolved")
                #expect(Self.render(ui).text.contains("assigned:me needs write mode"))
            }
        }
    }

    @Test func selectionFollowsTheIssueAcrossRefreshes() {
        var ui = IssuesUI()
        var rows = Self.rows()
        _ = ui.handle(.down, rows: rows, writeMode: false, pageSize: 10)
        rows.reverse()
        #expect(ui.row(in: rows)?.id == 2)
        #expect(ui.handle(.enter, rows: rows, writeMode: false, pageSize: 10) == [.openDetail(rows[1])])
        #expect(ui.handle(.escape, rows: rows, writeMode: false, pageSize: 10) == [.closeDetail])
        #expect(ui.handle(.char("1"), rows: rows, writeMode: false, pageSize: 10) == nil, "global keys fall through")
    }

    @Test func aNewSortStartsAtTheTop() {
        var ui = IssuesUI()
        let rows = Self.rows()
        _ = ui.handle(.down, rows: rows, writeMode: false, pageSize: 10)  // issue 2 selected
        #expect(ui.handle(.char("s"), rows: rows, writeMode: false, pageSize: 10)?.contains(.refresh) == true)
        let newOrder = Array(rows.reversed())
        #expect(ui.row(in: newOrder)?.id == newOrder.first?.id, "first row of the new order, not the old selection")
        #expect(ui.scroll == 0)
    }

    /// Between a new query and its first results the old rows are still drawn; that frame must not pin the
    /// selection to the old top row.
    @Test func aNewQueryKeepsTheTopSelectedUntilItsRowsArrive() {
        var ui = issuesUI()
        let header = HeaderInfo(postgresTarget: "db", redisTarget: "r")
        var s = Self.state()
        ui = ConsoleView(header: header).clamp(ui, state: s, now: Self.now, width: 120, height: 24)
        _ = ui.issues.handle(.char("/"), rows: [], writeMode: false, pageSize: 10)
        for c in " level:error" { _ = ui.issues.handle(.char(c), rows: [], writeMode: false, pageSize: 10) }
        _ = ui.issues.handle(.enter, rows: [], writeMode: false, pageSize: 10)
        ui = ConsoleView(header: header).clamp(ui, state: s, now: Self.now, width: 120, height: 24)  // old rows
        let fresh = Array(Self.rows().reversed())
        s.apply(
            .issues(
                .success(IssuesSnapshot(rows: fresh, query: "level:error", sort: .lastSeen, takenAt: Self.now)),
                at: Self.now, retryAt: Self.now + 2))
        ui = ConsoleView(header: header).clamp(ui, state: s, now: Self.now, width: 120, height: 24)
        #expect(ui.issues.row(in: s.issueRows(now: Self.now))?.id == fresh.first?.id)
    }

    @Test func trendingSortsByEventsPerMinute() {
        var s = ConsoleState()
        for (i, t) in [0.0, 30, 60].enumerated() {
            var rows = Self.rows()
            rows[2].timesSeen += Int64(i * 100)
            rows[0].timesSeen += Int64(i)
            s.apply(
                .issues(.success(IssuesSnapshot(rows: rows, query: "", sort: .trending, takenAt: t)), at: t, retryAt: t)
            )
        }
        #expect(s.issueRows(now: 60).map(\.id) == [3, 1, 2])
    }
}
