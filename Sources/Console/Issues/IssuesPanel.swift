import Model

/// The Issues screen's list: one row per issue with id, level, status, events in the last 10 minutes (count and
/// sparkline), times seen, last/first seen, assignee and title — or the detail view of the open issue.
/// Modals (filter line, archive menu, assignee prompt, confirmation) are drawn by `IssuesModal`.
public enum IssuesPanel {
    public static func summary(_ state: ConsoleState, ui: IssuesUI) -> String {
        var s = ui.query.source.isEmpty ? IssueQuery.defaultSource : ui.query.source
        s += " · by \(ui.sort.label)"
        if let snap = state.issues.latest {
            s += " · \(snap.rows.count) shown"
            if let w = snap.textWindow { s += " (text searched in the \(Format.count(w)) newest)" }
            s += " · \(Format.fixed(snap.elapsedMs, 0)) ms"
        }
        if !ui.marked.isEmpty { s += " · \(ui.marked.count) marked" }
        return s
    }

    /// Draws the list or the detail into `area` (inside the frame), keeping the selection in view.
    public static func draw(
        _ s: inout Surface, _ area: Rect, state: ConsoleState, ui: IssuesUI, now: Double, glyphs: Glyphs,
        header: HeaderInfo
    ) {
        guard area.height > 1, area.width > 20 else { return }
        let rows = state.issueRows(now: now)
        if let id = ui.detail, let row = rows.first(where: { $0.id == id }) {
            IssueDetailView.draw(
                &s, area, row: row, detail: state.issueDetail(for: row.id), rates: state.issueRates, now: now,
                glyphs: glyphs, header: header, eventsElsewhere: state.eventStore.elsewhere)
            return
        }
        guard state.issues.latest != nil else {
            s.put(
                state.issues.failure == nil ? "loading issues…" : "", x: area.x, y: area.y, role: .dim,
                maxWidth: area.width)
            return
        }
        if rows.isEmpty {
            s.put("no issues match \(ui.query.source)", x: area.x, y: area.y, role: .dim, maxWidth: area.width)
            return
        }
        let visible = area.height - 1
        let index = ui.index(in: rows)
        let top = ListViewport.follow(selection: index, scroll: ui.scroll, count: rows.count, visible: visible)
        let table = Self.table(width: area.width, rows: rows, top: top, visible: visible)
        s.put(table.header, x: area.x, y: area.y, role: .label, maxWidth: area.width)
        // The selection follows an issue only once the user moved to it (IssuesUI.move); neither drawing nor
        // clamping pins it, or the old top row would stay selected when a new query's rows arrive.
        for (i, r) in rows.dropFirst(top).prefix(visible).enumerated() {
            let y = area.y + 1 + i
            drawRow(
                &s, r, x: area.x, y: y, table: table, state: state, marked: ui.marked.contains(r.id), now: now,
                glyphs: glyphs)
            if top + i == index { s.paint(x: area.x, y: y, width: area.width, role: .selection) }
        }
        if rows.count > visible {
            let more = " \(top + 1)-\(min(rows.count, top + visible)) of \(rows.count) "
            s.put(more, x: area.x + area.width - DisplayWidth.of(more), y: area.y + area.height, role: .dim)
        }
    }

    /// The list's columns at a width, by priority: the id is as wide as the widest one shown (up to a quarter
    /// of the width, then abbreviated by its slug), numbers and ages are compact and never cut; below 110 columns
    /// the sparkline goes, below 100 the assignee, below 90 the age; the title takes what is left.
    static func table(width: Int, idWidth: Int = 12) -> Table {
        Table(
            [
                .init("ID", .fixed(min(max(idWidth, 6), max(12, width / 4)))), .init("LEVEL", .fixed(5)),
                .init("STATUS", .fixed(10)), .init("10m", .fixed(5), right: true),
                .init("EVENTS", .fixed(10), hideBelow: 110), .init("SEEN", .fixed(5), right: true),
                .init("LAST", .fixed(4), right: true), .init("AGE", .fixed(4), right: true, hideBelow: 90),
                .init("ASSIGNEE", .fixed(width >= 120 ? 14 : 10), hideBelow: 100),
                .init("TITLE · culprit", .flex(min: 1)),
            ], width: width, indent: 2)
    }

    /// The table for the rows in view: its id column as wide as their widest id.
    static func table(width: Int, rows: [IssueRow], top: Int, visible: Int) -> Table {
        let ids = rows.dropFirst(top).prefix(visible).map { DisplayWidth.of($0.displayId) }
        return table(width: width, idWidth: ids.max() ?? 6)
    }

    static func drawRow(
        _ s: inout Surface, _ r: IssueRow, x x0: Int, y: Int, table: Table, state: ConsoleState, marked: Bool,
        now: Double, glyphs: Glyphs
    ) {
        s.put(marked ? "● " : (r.bookmarked ? "★ " : "  "), x: x0, y: y, role: marked ? .warn : .dim)
        let recent = state.issueRates.recent(r.id, now: now)
        let spark =
            table.shows("EVENTS")
            ? Sparkline.render(state.issueRates.buckets(r.id, now: now), width: 10, glyphs: glyphs) : ""
        // Pending buffer increments are counted in; the number is compact and whole, never cut.
        let seen = Format.tally(Int(r.liveTimesSeen))
        let x = table.draw(
            &s,
            [
                (ShortId.abbreviate(r.displayId, to: table.width(of: "ID")), .value),
                (IssueLevel.word(r.level), levelRole(r.level)), (r.status.compactName, statusRole(r.status)),
                (recent.map { Format.tally(Int($0.count)) } ?? "…", (recent?.count ?? 0) > 0 ? .warn : .dim),
                (spark, .graph), (seen, .normal), (Format.age(now - r.lastSeen), .dim),
                (Format.age(now - r.firstSeen), .dim), (r.assignee.label, .normal),
            ], x: x0, y: y)
        let titleWidth = table.width(of: "TITLE · culprit")
        // The title takes what is left; a cut is marked ("…"), and the culprit follows only with room to read.
        let used = s.put(
            DisplayWidth.truncate(r.title, to: titleWidth), x: x, y: y, role: .normal, maxWidth: titleWidth)
        if used + 8 < titleWidth, !r.culprit.isEmpty {
            let culprit = DisplayWidth.truncate(" · " + r.culprit, to: titleWidth - used)
            s.put(culprit, x: x + used, y: y, role: .dim, maxWidth: titleWidth - used)
        }
    }

    static func levelRole(_ level: Int) -> Role { level >= 40 ? .crit : level >= 30 ? .warn : .dim }

    static func statusRole(_ st: IssueStatus) -> Role {
        switch (st.status, st.substatus) {
        case (0, IssueStatus.Sub.regressed), (0, IssueStatus.Sub.escalating): return .crit
        case (0, IssueStatus.Sub.new): return .warn
        case (1, _): return .ok
        case (2, _): return .dim
        default: return .normal
        }
    }
}
