import Model

/// The alerts strip (one line under the header) and the alerts overlay (`a`): firing first, each with since
/// when, value, threshold and a runbook hint; then the latest transitions.
public enum AlertsView {
    static func badge(_ s: Severity) -> (String, Role) {
        switch s {
        case .critical: return ("CRIT", .crit)
        case .warning: return ("WARN", .warn)
        case .unknown: return ("UNKN", .warn)
        case .ok: return ("OK", .ok)
        }
    }

    public static func drawStrip(_ s: inout Surface, y: Int, engine: AlertEngine) {
        let firing = engine.loud
        let pending = engine.alerts.values.filter { $0.state == .pending }.count
        let quiet = engine.firing.count - firing.count
        var x = 0
        if firing.isEmpty {
            x += s.put(" ✓ no alerts firing", x: x, y: y, role: .ok)
            if quiet > 0 { x += s.put(" · \(quiet) acknowledged/snoozed", x: x, y: y, role: .dim) }
            if pending > 0 { s.put(" · \(pending) pending", x: x, y: y, role: .dim) }
            return
        }
        // At a glance: how many of each severity, then the worst one whole; the rest is behind `a`.
        let more = " a: details "
        let counts = Severity.allCases.reversed().compactMap { sev -> String? in
            let n = firing.filter { $0.severity == sev }.count
            return n > 0 ? "\(n) \(badge(sev).0)" : nil
        }
        let head = firing.count == 1 ? " 1 firing: " : " \(firing.count) firing (\(counts.joined(separator: ", "))): "
        x += s.put(head, x: x, y: y, role: firing[0].severity == .critical ? .crit : .warn)
        let (label, role) = badge(firing[0].severity)
        x += s.put(label + " ", x: x, y: y, role: role)
        let room = s.width - x - DisplayWidth.of(more) - 1
        s.put(DisplayWidth.truncateWords("\(firing[0].key) \(firing[0].value)", to: room), x: x, y: y, role: .normal)
        s.put(more, x: s.width - DisplayWidth.of(more), y: y, role: .dim)
    }

    /// The key of the alert shown at `selection` (clamped), for acknowledge/snooze.
    public static func selectedKey(_ engine: AlertEngine, selection: Int) -> String? {
        let all = engine.all
        return all.isEmpty ? nil : all[min(max(0, selection), all.count - 1)].key
    }

    public static func drawOverlay(
        _ s: inout Surface, engine: AlertEngine, now: Double, utcOffset: Int, glyphs: Glyphs,
        selection: Int = 0, incidents: [OpenIncident]? = nil
    ) {
        let w = s.width - 4
        let h = s.height - 4
        let r = Rect(x: 2, y: 2, width: w, height: h)
        let summary =
            "\(engine.firing.count) firing · \(engine.alerts.values.filter { $0.state == .pending }.count) pending"
        let inner = PanelFrame.draw(
            &s, r, title: "Alerts", summary: summary,
            status: .init(text: "A ack · z/Z snooze · u undo · Esc", role: .dim, banner: nil), focused: true,
            glyphs: glyphs)
        var y = inner.y
        let bottom = inner.y + inner.height
        if engine.alerts.isEmpty {
            s.put("No alert is pending or firing.", x: inner.x + 1, y: y, role: .ok)
            y += 2
        }
        let chosen = selectedKey(engine, selection: selection)
        for a in engine.all where y < bottom - 3 {
            let (label, role) = badge(a.severity)
            var x = inner.x + 1
            s.put(a.key == chosen ? "›" : " ", x: inner.x, y: y, role: .titleFocus)
            let silence = engine.silenced[a.key]
            let stateText = silence == nil ? a.state.rawValue : (silence?.until == nil ? "acked" : "snoozed")
            x += s.put(
                DisplayWidth.pad(stateText, to: 9), x: x, y: y, role: a.state == .firing && silence == nil ? role : .dim
            )
            x += s.put(label + " ", x: x, y: y, role: role)
            x += s.put(
                "since \(Format.clock(a.since, utcOffset: utcOffset)) (\(Format.duration(now - a.since))) ", x: x, y: y,
                role: .dim)
            // What fires and its hint continue on a second line when narrow, cut at a word after that.
            let message = "\(a.key): \(a.value) (threshold \(a.threshold))"
            for line in DisplayWidth.wrapWords(message, to: inner.x + inner.width - x, maxLines: 2) where y < bottom {
                s.put(line, x: x, y: y, role: .normal)
                y += 1
            }
            var mark = "→ "
            var note = a.hint
            if let silence {
                mark = "✓ "
                note =
                    (silence.until.map { "snoozed until \(Format.clock($0, utcOffset: utcOffset))" } ?? "acknowledged")
                    + " by \(silence.by) · " + a.hint
            }
            for (i, line) in DisplayWidth.wrapWords(note, to: inner.width - 15, maxLines: 2).enumerated()
            where y < bottom {
                if i == 0 { s.put(mark, x: inner.x + 12, y: y, role: .dim) }
                s.put(line, x: inner.x + 14, y: y, role: .dim)
                y += 1
            }
        }
        if let incidents, !incidents.isEmpty, y < bottom - 2 {
            y = drawIncidents(&s, incidents, x: inner.x, y: y, width: inner.width, bottom: bottom - 2)
        }
        if y < bottom - 1 {
            s.put("Recent transitions", x: inner.x + 1, y: y, role: .label)
            y += 1
            for t in engine.history.reversed() where y < bottom {
                s.put(
                    "\(Format.clock(t.at, utcOffset: utcOffset))  \(t.key): \(t.from) → \(t.to)", x: inner.x + 1, y: y,
                    role: .dim, maxWidth: inner.width - 2)
                y += 1
            }
        }
    }

    /// Sentry's own metric-alert incidents, listed apart: they are about the monitored applications, so they
    /// are not counted as firing (config `alerts.sentry_incidents` or `--sentry-incidents` makes them alerts).
    static func drawIncidents(_ s: inout Surface, _ list: [OpenIncident], x: Int, y top: Int, width: Int, bottom: Int)
        -> Int
    {
        var y = top
        let titles = [
            "Sentry metric alerts: \(list.count) open (about your applications; not counted as firing)",
            "Sentry metric alerts: \(list.count) open (not counted as firing)",
            "Sentry metric alerts: \(list.count) open",
        ]
        let title = DisplayWidth.fitting(titles, width: width - 2)
        s.put(title, x: x + 1, y: y, role: .label, maxWidth: width - 2)
        y += 1
        for i in list where y < bottom {
            let sev: (String, Role) =
                [
                    "critical": ("CRIT", .crit), "warning": ("WARN", .warn),
                ][i.statusWord] ?? ("OPEN", .dim)
            var cx = x + 10
            cx += s.put(sev.0 + " ", x: cx, y: y, role: sev.1)
            s.put(
                "#\(i.identifier) \(i.title) · open \(Format.duration(i.startedSecondsAgo))", x: cx, y: y,
                role: .normal,
                maxWidth: x + width - cx)
            y += 1
        }
        return y + 1
    }
}
