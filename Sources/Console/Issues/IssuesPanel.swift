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
                glyphs: glyphs, header: header)
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
        let cols = Columns(width: area.width)
        s.put(cols.header, x: area.x, y: area.y, role: .label, maxWidth: area.width)
        let visible = area.height - 1
        let index = ui.index(in: rows)
        let top = ListViewport.follow(selection: index, scroll: ui.scroll, count: rows.count, visible: visible)
        // The selection follows an issue only once the user moved to it (IssuesUI.move); neither drawing nor
        // clamping pins it, or the old top row would stay selected when a new query's rows arrive.
        for (i, r) in rows.dropFirst(top).prefix(visible).enumerated() {
            let y = area.y + 1 + i
            drawRow(
                &s, r, x: area.x, y: y, cols: cols, state: state, marked: ui.marked.contains(r.id), now: now,
                glyphs: glyphs)
            if top + i == index { s.paint(x: area.x, y: y, width: area.width, role: .selection) }
        }
        if rows.count > visible {
            let more = " \(top + 1)-\(min(rows.count, top + visible)) of \(rows.count) "
            s.put(more, x: area.x + area.width - DisplayWidth.of(more), y: area.y + area.height, role: .dim)
        }
    }

    /// Column widths for a width; the title takes what is left.
    struct Columns {
        let level = 5, recent = 6, spark = 10, seen = 7, last = 5, age = 5
        let id: Int, status: Int, assignee: Int, title: Int
        let showSpark: Bool, showAge: Bool

        /// Below 110 columns the sparkline goes, below 100 the age; the title keeps at least 20.
        init(width: Int) {
            showSpark = width >= 110
            showAge = width >= 100
            id = width >= 100 ? 12 : 10
            status = width >= 100 ? 11 : 10
            assignee = width >= 120 ? 14 : width >= 100 ? 10 : 9
            let fixed =
                2 + id + level + status + recent + (showSpark ? spark + 1 : 0) + seen + last + (showAge ? age + 1 : 0)
                + assignee + 7
            title = max(1, width - fixed)
        }

        var header: String {
            "  " + DisplayWidth.pad("ID", to: id) + " " + DisplayWidth.pad("LEVEL", to: level) + " "
                + DisplayWidth.pad("STATUS", to: status) + " " + DisplayWidth.pad("10m", to: recent, right: true) + " "
                + (showSpark ? DisplayWidth.pad("EVENTS", to: spark) + " " : "")
                + DisplayWidth.pad("SEEN", to: seen, right: true) + " "
                + DisplayWidth.pad("LAST", to: last, right: true) + " "
                + (showAge ? DisplayWidth.pad("AGE", to: age, right: true) + " " : "")
                + DisplayWidth.pad("ASSIGNEE", to: assignee) + " TITLE · culprit"
        }
    }

    static func drawRow(
        _ s: inout Surface, _ r: IssueRow, x x0: Int, y: Int, cols: Columns, state: ConsoleState, marked: Bool,
        now: Double,
        glyphs: Glyphs
    ) {
        var x = x0
        x += s.put(marked ? "● " : (r.bookmarked ? "★ " : "  "), x: x, y: y, role: marked ? .warn : .dim)
        x += s.put(DisplayWidth.pad(r.displayId, to: cols.id), x: x, y: y, role: .value, maxWidth: cols.id) + 1
        x += s.put(DisplayWidth.pad(IssueLevel.word(r.level), to: cols.level), x: x, y: y, role: levelRole(r.level)) + 1
        x +=
            s.put(
                DisplayWidth.pad(r.status.name, to: cols.status), x: x, y: y, role: statusRole(r.status),
                maxWidth: cols.status) + 1
        let recent = state.issueRates.recent(r.id, now: now)
        let recentText = recent.map { Format.count(Int($0.count)) } ?? "…"
        x +=
            s.put(
                DisplayWidth.pad(recentText, to: cols.recent, right: true), x: x, y: y,
                role: (recent?.count ?? 0) > 0 ? .warn : .dim) + 1
        if cols.showSpark {
            let spark = Sparkline.render(state.issueRates.buckets(r.id, now: now), width: cols.spark, glyphs: glyphs)
            x += s.put(DisplayWidth.pad(spark, to: cols.spark), x: x, y: y, role: .graph, maxWidth: cols.spark) + 1
        }
        let seen = Format.count(Int(r.liveTimesSeen)) + (r.pendingTimesSeen.map { $0 > 0 ? "+" : "" } ?? "")
        x += s.put(DisplayWidth.pad(seen, to: cols.seen, right: true), x: x, y: y) + 1
        x +=
            s.put(
                DisplayWidth.pad(Format.duration(max(0, now - r.lastSeen)), to: cols.last, right: true), x: x, y: y,
                role: .dim) + 1
        if cols.showAge {
            x +=
                s.put(
                    DisplayWidth.pad(Format.duration(max(0, now - r.firstSeen)), to: cols.age, right: true), x: x, y: y,
                    role: .dim) + 1
        }
        x +=
            s.put(
                DisplayWidth.pad(r.assignee.label, to: cols.assignee), x: x, y: y, role: .normal,
                maxWidth: cols.assignee) + 1
        let used = s.put(r.title, x: x, y: y, role: .normal, maxWidth: cols.title)
        if used + 4 < cols.title, !r.culprit.isEmpty {
            s.put(" · " + r.culprit, x: x + used, y: y, role: .dim, maxWidth: cols.title - used)
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
