import Model

/// Renders the whole Overview screen from pure inputs into a fresh `Surface`: header, Queues, Database,
/// Throughput, footer, and the help overlay. Same inputs, same cells — which is what the snapshot tests check.
public struct OverviewView: Sendable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var header: HeaderInfo
    public var glyphs: Glyphs

    public init(header: HeaderInfo, glyphs: Glyphs = .unicode) {
        self.header = header
        self.glyphs = glyphs
    }

    /// The panel rectangles for a screen size (pure, shared with scrolling page sizes).
    public func layout(width: Int, height: Int) -> [UIState.Panel: Rect] {
        let bodyTop = 2  // header, alerts strip
        let body = height - 3
        let bottomH = min(12, max(8, body / 2))
        let queuesH = body - bottomH
        let dbW = width >= 120 ? width * 58 / 100 : width * 60 / 100
        return [
            .queues: Rect(x: 0, y: bodyTop, width: width, height: queuesH),
            .database: Rect(x: 0, y: bodyTop + queuesH, width: dbW, height: bottomH),
            .throughput: Rect(x: dbW, y: bodyTop + queuesH, width: width - dbW, height: bottomH),
        ]
    }

    public func render(state: ConsoleState, ui: UIState, now: Double, width: Int, height: Int) -> (Surface, UIState) {
        var s = Surface(width: width, height: height)
        var ui = ui
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            let msg = "terminal too small (need \(Self.minimumWidth)×\(Self.minimumHeight), have \(width)×\(height))"
            let lines = DisplayWidth.of(msg) <= width ? [msg] : ["terminal too small", "need \(Self.minimumWidth)×\(Self.minimumHeight)", "have \(width)×\(height)", "q quits"]
            for (i, l) in lines.enumerated() {
                let y = height / 2 - lines.count / 2 + i
                s.put(l, x: max(0, (width - DisplayWidth.of(l)) / 2), y: y, role: .warn, maxWidth: width)
            }
            return (s, ui)
        }
        drawHeader(&s, state: state, ui: ui, now: now)
        if ui.screen == .issues {
            renderIssues(&s, state: state, ui: &ui, now: now)
            return (s, ui)
        }
        if ui.screen == .workers {
            renderWorkers(&s, state: state, ui: &ui, now: now)
            return (s, ui)
        }
        let rects = layout(width: width, height: height)
        // Each source's status once per frame; Throughput mixes both and shows the worse, without a banner.
        let redisStatus = PanelFrame.status(of: state.redis, now: now, interval: ui.interval, utcOffset: header.utcOffset)
        let pgStatus = PanelFrame.status(of: state.postgres, now: now, interval: ui.interval, utcOffset: header.utcOffset)
        for panel in UIState.Panel.allCases {
            guard let r = rects[panel] else { continue }
            let focused = ui.focus == panel
            switch panel {
            case .queues:
                var inner = PanelFrame.draw(&s, r, title: panel.title, summary: QueuesPanel.summary(state), status: redisStatus, focused: focused, glyphs: glyphs)
                let border = inner.y + inner.height
                // The compact Workers section: one line at the bottom of the Queues panel.
                let (workers, role) = WorkersPanel.compactLine(state, now: now)
                if !workers.isEmpty, inner.height > 4 {
                    inner.height -= 1
                    s.put(workers, x: inner.x, y: inner.y + inner.height, role: role, maxWidth: inner.width)
                }
                ui.scroll[.queues] = QueuesPanel.draw(&s, inner, state: state, now: now, scroll: ui.scroll[.queues] ?? 0,
                                                      glyphs: glyphs, markerRow: border)
            case .database:
                let inner = PanelFrame.draw(&s, r, title: panel.title, summary: DatabasePanel.summary(state), status: pgStatus, focused: focused, glyphs: glyphs)
                DatabasePanel.draw(&s, inner, state: state, glyphs: glyphs, scroll: ui.scroll[.database] ?? 0)
            case .throughput:
                var st = pgStatus.role == .crit || pgStatus.role == .warn ? pgStatus : redisStatus
                st.banner = nil
                if st.role == .crit { st.text = "partial" }
                let inner = PanelFrame.draw(&s, r, title: panel.title, summary: "", status: st, focused: focused, glyphs: glyphs)
                ThroughputPanel.draw(&s, inner, state: state, now: now, glyphs: glyphs)
            }
        }
        drawFooter(&s, ui: ui)
        drawOverlays(&s, state: state, ui: &ui, now: now)
        return (s, ui)
    }

    /// What every screen shares on top: the alerts strip, the alerts overlay and help.
    private func drawOverlays(_ s: inout Surface, state: ConsoleState, ui: inout UIState, now: Double) {
        AlertsView.drawStrip(&s, y: 1, engine: state.alerts)
        if ui.showAlerts {
            ui.alertSelection = min(ui.alertSelection, max(0, state.alerts.alerts.count - 1))
            AlertsView.drawOverlay(&s, engine: state.alerts, now: now, utcOffset: header.utcOffset, glyphs: glyphs,
                                   selection: ui.alertSelection)
        }
        if ui.showHelp { drawHelp(&s, screen: ui.screen) }
    }

    /// The Workers screen: one full-width panel; its status is the Redis sampler's (CLIENT LIST), the feeds'
    /// health is in the summary.
    private func renderWorkers(_ s: inout Surface, state: ConsoleState, ui: inout UIState, now: Double) {
        let r = Rect(x: 0, y: 2, width: s.width, height: s.height - 3)
        var status = PanelFrame.status(of: state.redis, now: now, interval: ui.interval, utcOffset: header.utcOffset)
        if status.banner == nil, header.workerInspection != nil, state.inspection.failure != nil {
            status = PanelFrame.status(of: state.inspection, now: now, interval: ui.interval, utcOffset: header.utcOffset)
        } else if status.banner == nil, state.heartbeats.failure != nil {
            status = PanelFrame.status(of: state.heartbeats, now: now, interval: ui.interval, utcOffset: header.utcOffset)
        }
        let inner = PanelFrame.draw(&s, r, title: "Workers", summary: WorkersPanel.summary(state, header: header, now: now),
                                    status: status, focused: true, glyphs: glyphs)
        ui.workers = WorkersPanel.draw(&s, inner, state: state, ui: ui.workers, header: header, now: now, glyphs: glyphs)
        let y = s.height - 1
        var x = 0
        let hints: [(String, String)] = [("q", "quit"), ("1", "overview"), ("2", "issues"), ("/", "filter"), ("s", "sort: \(ui.workers.sort.rawValue)"),
                                         ("j/k", "scroll"), ("!", "alerts"), ("?", "help")]
        for (key, label) in hints {
            guard x < s.width - 4 else { break }
            x += s.put(key, x: x, y: y, role: .keyHint)
            x += s.put(" \(label)  ", x: x, y: y, role: .keyLabel, maxWidth: s.width - x)
        }
        drawOverlays(&s, state: state, ui: &ui, now: now)
    }

    /// The Issues screen: one full-width panel under the header and alerts strip.
    private func renderIssues(_ s: inout Surface, state: ConsoleState, ui: inout UIState, now: Double) {
        let r = Rect(x: 0, y: 2, width: s.width, height: s.height - 3)
        let status = PanelFrame.status(of: state.issues, now: now, interval: max(ui.interval, 5), utcOffset: header.utcOffset)
        let inner = PanelFrame.draw(&s, r, title: "Issues", summary: IssuesPanel.summary(state, ui: ui.issues), status: status, focused: true, glyphs: glyphs)
        ui.issues = IssuesPanel.draw(&s, inner, state: state, ui: ui.issues, now: now, glyphs: glyphs, header: header)
        IssuesModal.draw(&s, inner, ui: ui.issues, header: header, glyphs: glyphs)
        drawIssuesFooter(&s, ui: ui)
        drawOverlays(&s, state: state, ui: &ui, now: now)
    }

    private func drawIssuesFooter(_ s: inout Surface, ui: UIState) {
        let y = s.height - 1
        if let n = ui.issues.notice {
            s.put(" " + n.text, x: 0, y: y, role: n.isError ? .crit : .ok, maxWidth: s.width)
            return
        }
        var x = 0
        let write = header.writeMode
        let hints: [(String, String, Bool)] = [
            ("q", "quit", false), ("1", "overview", false), ("/", "filter", false), ("s", "sort", false),
            ("⏎", "detail", false), ("x", "mark", false), ("r", "resolve", true), ("e", "archive", true),
            ("a", "assign", true), ("b", "bookmark", true), ("!", "alerts", false), ("?", "help", false),
        ]
        for (key, label, needsWrite) in hints {
            guard x < s.width - 4 else { break }
            let disabled = needsWrite && !write
            x += s.put(key, x: x, y: y, role: disabled ? .dim : .keyHint)
            x += s.put(" \(label)  ", x: x, y: y, role: disabled ? .dim : .keyLabel, maxWidth: s.width - x)
        }
    }

    private func drawHeader(_ s: inout Surface, state: ConsoleState, ui: UIState, now: Double) {
        s.fill(x: 0, y: 0, width: s.width, height: 1, role: .header)
        // Below 100 columns the interval gives way to the targets; the clock and PAUSED always stay.
        let interval = s.width >= 100 ? "\(Format.duration(ui.interval)) · " : ""
        // Minutes only: a ticking seconds field would be most of an idle screen's output over SSH.
        let right = (ui.paused ? "PAUSED · " : "") + interval + String(Format.clock(now, utcOffset: header.utcOffset).prefix(5)) + " "
        let rightX = s.width - DisplayWidth.of(right)
        let redis = header.redisTarget.hasPrefix("redis://") ? String(header.redisTarget.dropFirst(8)) : header.redisTarget
        let full = " pg \(header.postgresTarget) · redis \(redis)"
        // The mode badge is never sacrificed for the targets: full from 100 columns, short below; the targets
        // lose their "redis" label first, then get truncated.
        let wide = s.width >= 100
        let badge = header.writeMode ? (wide ? " WRITE MODE " : " WRITE ") : (wide ? " READ-ONLY " : " RO ")
        let room = rightX - 16 - DisplayWidth.of(badge) - 1
        let host = header.postgresTarget.split(separator: "@", maxSplits: 1).last.map(String.init) ?? header.postgresTarget
        let targets = DisplayWidth.of(full) <= room ? full : " pg \(host) · \(redis)"
        var x = s.put(" sentry-console ", x: 0, y: 0, role: .header)
        x += s.put(badge, x: x, y: 0, role: header.writeMode ? .writeBadge : .headerBadge)
        s.put(right, x: rightX, y: 0, role: ui.paused ? .warn : .header)
        s.put(targets, x: x, y: 0, role: .header, maxWidth: max(0, rightX - x - 1))
    }

    private func drawFooter(_ s: inout Surface, ui: UIState) {
        let y = s.height - 1
        var x = 0
        let hints: [(String, String)] = [
            ("q", "quit"), ("?", "help"), ("2", "issues"), ("3", "workers"), ("a", "alerts"), ("space", ui.paused ? "resume" : "pause"), ("+/-", "interval"),
            ("Tab", "focus"), ("j/k", "scroll"), ("^L", "redraw"),
        ]
        for (key, label) in hints {
            guard x < s.width - 4 else { break }
            x += s.put(key, x: x, y: y, role: .keyHint)
            x += s.put(" \(label)  ", x: x, y: y, role: .keyLabel, maxWidth: s.width - x)
        }
    }

    private func drawHelp(_ s: inout Surface, screen: UIState.Screen) {
        let issues = screen == .issues
        var entries = Command.bindings.filter { !$0.label.isEmpty }.map { (label: $0.label, help: $0.help, dim: false) }
        if screen == .workers {
            entries = entries.filter { !["↑↓ j k", "PgUp PgDn", "g G", "Tab", "A", "z Z", "u"].contains($0.label) }
            entries += Command.workerBindings.map { (label: $0.label, help: $0.help, dim: false) }
        }
        if issues {
            entries = entries.filter { !["↑↓ j k", "PgUp PgDn", "g G", "Tab", "A", "z Z", "u"].contains($0.label) }
            entries += Command.issueBindings.map { (label: $0.label, help: $0.help + ($0.write && !header.writeMode ? " (write mode)" : ""), dim: $0.write && !header.writeMode) }
        }
        let w = min(s.width - 4, issues ? 84 : 60)
        let h = min(s.height - 2, entries.count + 6)
        let r = Rect(x: (s.width - w) / 2, y: (s.height - h) / 2, width: w, height: h)
        let inner = PanelFrame.draw(&s, r, title: "Help", summary: "", status: .init(text: "Esc closes", role: .dim, banner: nil), focused: true, glyphs: glyphs)
        var y = inner.y
        for e in entries where y < inner.y + inner.height - 2 {
            s.put(DisplayWidth.pad(e.label, to: 12), x: inner.x + 1, y: y, role: .label)
            s.put(e.help, x: inner.x + 14, y: y, role: e.dim ? .dim : .normal, maxWidth: inner.width - 15)
            y += 1
        }
        let mode = header.writeMode ? "Write mode: every change is confirmed and audited." : "Read-only: never writes to Postgres or Redis."
        s.put(mode, x: inner.x + 1, y: inner.y + inner.height - 1, role: .dim, maxWidth: inner.width - 2)
    }
}
