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
        let firing = engine.firing
        let pending = engine.alerts.values.filter { $0.state == .pending }.count
        var x = 0
        if firing.isEmpty {
            x += s.put(" ✓ no alerts firing", x: x, y: y, role: .ok)
            if pending > 0 { s.put(" · \(pending) pending", x: x, y: y, role: .dim) }
            return
        }
        x += s.put(" \(firing.count) firing: ", x: x, y: y, role: firing[0].severity == .critical ? .crit : .warn)
        for a in firing {
            let (label, role) = badge(a.severity)
            guard x < s.width - 12 else { break }
            x += s.put(label + " ", x: x, y: y, role: role)
            x += s.put("\(a.key) \(a.value)  ", x: x, y: y, role: .normal, maxWidth: s.width - x - 8)
        }
        let more = " a: details "
        s.put(more, x: s.width - DisplayWidth.of(more), y: y, role: .dim)
    }

    public static func drawOverlay(_ s: inout Surface, engine: AlertEngine, now: Double, utcOffset: Int, glyphs: Glyphs) {
        let w = s.width - 4
        let h = s.height - 4
        let r = Rect(x: 2, y: 2, width: w, height: h)
        let summary = "\(engine.firing.count) firing · \(engine.alerts.values.filter { $0.state == .pending }.count) pending"
        let inner = PanelFrame.draw(&s, r, title: "Alerts", summary: summary,
                                    status: .init(text: "a/Esc closes", role: .dim, banner: nil), focused: true, glyphs: glyphs)
        var y = inner.y
        let bottom = inner.y + inner.height
        if engine.alerts.isEmpty {
            s.put("No alert is pending or firing.", x: inner.x + 1, y: y, role: .ok)
            y += 2
        }
        for a in engine.all where y < bottom - 3 {
            let (label, role) = badge(a.severity)
            var x = inner.x + 1
            x += s.put(DisplayWidth.pad(a.state.rawValue, to: 9), x: x, y: y, role: a.state == .firing ? role : .dim)
            x += s.put(label + " ", x: x, y: y, role: role)
            x += s.put("since \(Format.clock(a.since, utcOffset: utcOffset)) (\(Format.duration(now - a.since))) ", x: x, y: y, role: .dim)
            s.put("\(a.key): \(a.value) (threshold \(a.threshold))", x: x, y: y, role: .normal, maxWidth: inner.x + inner.width - x)
            y += 1
            s.put("  → " + a.hint, x: inner.x + 10, y: y, role: .dim, maxWidth: inner.width - 11)
            y += 1
        }
        if y < bottom - 1 {
            s.put("Recent transitions", x: inner.x + 1, y: y, role: .label)
            y += 1
            for t in engine.history.reversed() where y < bottom {
                s.put("\(Format.clock(t.at, utcOffset: utcOffset))  \(t.key): \(t.from) → \(t.to)", x: inner.x + 1, y: y,
                      role: .dim, maxWidth: inner.width - 2)
                y += 1
            }
        }
    }
}
