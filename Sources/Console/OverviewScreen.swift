import Model

/// The Overview screen: Queues over Database and Throughput, with its key map (scrolling the focused panel).
public enum OverviewScreen {
    public static let keyMap = KeyMap([
        KeyBinding([.tab], .focusNext, label: "Tab", help: "move focus to the next panel", footer: ("Tab", "focus")),
        KeyBinding([.backTab], .focusPrevious),
        KeyBinding(
            [.up, .char("k")], .up, label: "↑↓ j k", help: "select a queue / scroll the focused panel",
            footer: ("j/k", "scroll")),
        KeyBinding([.down, .char("j")], .down),
        KeyBinding([.pageUp], .pageUp, label: "PgUp PgDn", help: "scroll by a page"),
        KeyBinding([.pageDown], .pageDown),
        KeyBinding([.home, .char("g")], .top, label: "g G", help: "jump to top / bottom"),
        KeyBinding([.end, .char("G")], .bottom),
        KeyBinding([.char("e")], .toggleEmpty, label: "e", help: "list the empty queues too / fold them into one line"),
        KeyBinding(
            [.enter], .open, label: "Enter", help: "the selected queue: which projects, tasks and issues fill it",
            footer: ("⏎", "queue")),
    ])

    /// The panel rectangles for a screen size (pure, shared by drawing, clamping, page sizes and clicks). With
    /// `state`, rows the Queues panel does not need (few queues hold messages, the empty ones folded) go to the
    /// Database and Throughput panels, as far as the Database panel has lines to show.
    public static func layout(width: Int, height: Int, state: ConsoleState? = nil, ui: UIState? = nil, now: Double = 0)
        -> [UIState.Panel: Rect]
    {
        let bodyTop = 2  // header, alerts strip
        let body = height - 3
        var bottomH = min(12, max(8, body / 2))
        var queuesH = body - bottomH
        if let state, let ui, let queues = queueLines(state, ui: ui, now: now) {
            // The Database panel's lines are counted only when the queues leave rows to give (a long list, the
            // common busy case, costs the frame nothing more).
            let queuesNeed = max(7, queues + 2)
            if queuesNeed < queuesH {
                let databaseNeed = DatabasePanel.lineCount(state) + 2 + (state.postgres.failure != nil ? 1 : 0)
                let give = max(0, min(queuesH - queuesNeed, databaseNeed - bottomH))
                bottomH += give
                queuesH -= give
            }
        }
        let dbW = width >= 120 ? width * 58 / 100 : width * 60 / 100
        return [
            .queues: Rect(x: 0, y: bodyTop, width: width, height: queuesH),
            .database: Rect(x: 0, y: bodyTop + queuesH, width: dbW, height: bottomH),
            .throughput: Rect(x: dbW, y: bodyTop + queuesH, width: width - dbW, height: bottomH),
        ]
    }

    /// Rows a page key moves in the focused panel.
    public static func pageSize(_ ui: UIState, width: Int, height: Int, state: ConsoleState? = nil, now: Double = 0)
        -> Int
    {
        max(1, (layout(width: width, height: height, state: state, ui: ui, now: now)[ui.focus]?.height ?? 10) - 3)
    }

    /// Lines the Queues panel's content needs (outage banner, header, rows, the folded line, the Workers and
    /// flooding lines); nil when it shows a message instead of the list (no Celery keys, taskbroker).
    static func queueLines(_ state: ConsoleState, ui: UIState, now: Double) -> Int? {
        guard let snap = state.redis.latest, state.taskBackend == .celeryRedis else { return nil }
        let rows = QueuesPanel.rows(snap, showEmpty: ui.showEmptyQueues).count
        let folded = rows < snap.queues.count ? 1 : 0
        let workers = WorkersPanel.compactLine(state, now: now).0.isEmpty ? 0 : 1
        let flood = state.floods(now: now).isEmpty ? 0 : 1
        return (state.redis.failure != nil ? 1 : 0) + 1 + rows + folded + workers + flood
    }

    /// The Queues panel's rows area, and the compact Workers line when the panel's last row holds it.
    /// The Queues panel's rows area and the lines under it (bottom first): the compact Workers line, then
    /// the "flooding:" line when one project dominates a growing backlog.
    static func queuesArea(_ state: ConsoleState, _ r: Rect, status: PanelFrame.Status, now: Double) -> (
        Rect, [(String, Role)]
    ) {
        var inner = PanelFrame.content(r, status: status)
        var lines: [(String, Role)] = []
        let (workers, role) = WorkersPanel.compactLine(state, now: now)
        if !workers.isEmpty, inner.height > 4 {
            inner.height -= 1
            lines.append((workers, role))
        }
        if let flood = state.floods(now: now).first, inner.height > 4 {
            inner.height -= 1
            lines.append((floodLine(flood, width: inner.width), .warn))
        }
        return (inner, lines)
    }

    /// "flooding: acme-web 71 % of events.save_event (~29k) · top issue WEB-1E · sample 200 of 41,200, ±7 %",
    /// shortened by whole phrases to fit `width`.
    static func floodLine(_ f: Flood, width: Int) -> String {
        let head = "flooding: \(f.project) \(Format.percent(f.share)) of \(f.queue)"
        let estimate = " (~\(Format.compact(Double(f.estimate))))"
        let issue = f.issue.map { " · top issue \($0)" } ?? ""
        let forms = [head + estimate + issue + " · " + f.sampleText, head + estimate + issue, head + estimate, head]
        return DisplayWidth.fitting(forms, width: width)
    }

    /// `ui` with the Queues and Database scroll offsets inside their content.
    static func clamp(_ ui: UIState, state: ConsoleState, context: ScreenContext) -> UIState {
        var ui = ui
        let rects = layout(width: context.width, height: context.height, state: state, ui: ui, now: context.now)
        if let r = rects[.queues], let snap = state.redis.latest {
            let (area, _) = queuesArea(state, r, status: context.status(of: state.redis), now: context.now)
            let count = QueuesPanel.rows(snap, showEmpty: ui.showEmptyQueues).count
            ui.queueSelection = min(max(0, ui.queueSelection), max(0, count - 1))
            ui.scroll[.queues] = ListViewport.follow(
                selection: ui.queueSelection, scroll: ui.scroll[.queues] ?? 0, count: count,
                visible: area.height - 1)
        }
        if var d = ui.queueDetail {
            let n = state.breakdowns[d.queue].map { QueueDetailView.rowCount($0) } ?? 0
            d.selection = min(max(0, d.selection), max(0, n - 1))
            ui.queueDetail = d
        }
        if let r = rects[.database] {
            let area = PanelFrame.content(r, status: context.status(of: state.postgres))
            let count = DatabasePanel.lineCount(state)
            ui.scroll[.database] = ListViewport.clamp(ui.scroll[.database] ?? 0, count: count, visible: area.height)
        }
        return ui
    }

    static func draw(_ s: inout Surface, state: ConsoleState, ui: UIState, context: ScreenContext) {
        let rects = layout(width: s.width, height: s.height, state: state, ui: ui, now: context.now)
        let glyphs = context.glyphs
        // Each source's status once per frame; Throughput mixes both and shows the worse, without a banner.
        let redisStatus = context.status(of: state.redis)
        let pgStatus = context.status(of: state.postgres)
        for panel in UIState.Panel.allCases {
            guard let r = rects[panel] else { continue }
            let focused = ui.focus == panel
            switch panel {
            case .queues:
                let summaries = QueuesPanel.summaries(state)
                PanelFrame.draw(
                    &s, r, title: panel.title, summary: summaries.first ?? "", status: redisStatus, focused: focused,
                    glyphs: glyphs, shorterSummaries: Array(summaries.dropFirst()))
                let (inner, lines) = queuesArea(state, r, status: redisStatus, now: context.now)
                // The compact Workers line at the bottom of the Queues panel, the flooding line above it.
                for (i, (text, role)) in lines.enumerated() {
                    s.put(
                        text, x: inner.x, y: inner.y + inner.height + lines.count - 1 - i, role: role,
                        maxWidth: inner.width)
                }
                QueuesPanel.draw(
                    &s, inner, state: state, now: context.now, scroll: ui.scroll[.queues] ?? 0, glyphs: glyphs,
                    markerRow: r.y + r.height - 1, selection: focused ? ui.queueSelection : nil,
                    showEmpty: ui.showEmptyQueues)
            case .database:
                let inner = PanelFrame.draw(
                    &s, r, title: panel.title, summary: DatabasePanel.summary(state), status: pgStatus,
                    focused: focused,
                    glyphs: glyphs)
                DatabasePanel.draw(&s, inner, state: state, glyphs: glyphs, scroll: ui.scroll[.database] ?? 0)
            case .throughput:
                var st = pgStatus.role == .crit || pgStatus.role == .warn ? pgStatus : redisStatus
                st.banner = nil
                if st.role == .crit { st.text = "partial" }
                let inner = PanelFrame.draw(
                    &s, r, title: panel.title, summary: "", status: st, focused: focused, glyphs: glyphs)
                ThroughputPanel.draw(&s, inner, state: state, now: context.now, glyphs: glyphs)
            }
        }
        KeyHints.drawFooter(
            &s, screen: keyMap, current: .overview, status: ui.status, writeMode: context.header.writeMode,
            glyphs: glyphs,
            word: { $0.action == .togglePause ? (ui.paused ? "resume" : "pause") : $0.footer?.word ?? "" })
    }
}
