import Model

/// The Workers screen: workers (from heartbeats and pings) with liveness, then consumers per queue (when the
/// workers reported their queues), then every client address with its Redis consumer connections next to its
/// Postgres backends. Dead or stalled workers sort first and are drawn in the critical role.
public enum WorkersPanel {
    public static func summary(_ state: ConsoleState, header: HeaderInfo, now: Double) -> String {
        summaries(state, header: header, now: now)[0]
    }

    /// The summary, longest first, each a phrase-wise shortening of the one before (the frame shows the first
    /// that fits): the ping's answers go, then the heartbeat listener, then the ping.
    public static func summaries(_ state: ConsoleState, header: HeaderInfo, now: Double) -> [String] {
        let rows = state.workers.rows(now: now)
        let alive = rows.filter { $0.liveness.isAlive }.count
        let count =
            "\(rows.count) worker\(rows.count == 1 ? "" : "s"): \(alive) alive"
            + (rows.count > alive ? ", \(rows.count - alive) not" : "")
        let listener = state.heartbeats.failure != nil ? "heartbeats: listener down" : "heartbeats: listening"
        let ping = header.workerInspection.map { "ping: \($0)" } ?? "ping: off"
        var answers = ""
        if header.workerInspection != nil {
            if let r = state.inspection.latest { answers += ", \(r.replies.count)/\(r.receivers) answered" }
            if state.inspection.failure != nil { answers += ", failing" }
        }
        return [
            "\(count) · \(listener) · \(ping)\(answers)", "\(count) · \(listener) · \(ping)", "\(count) · \(ping)",
            count,
        ]
    }

    /// Every line of the three sections at `width`.
    static func lines(_ state: ConsoleState, ui: WorkersUI, header: HeaderInfo, now: Double, width: Int) -> [Line] {
        var lines: [Line] = []
        lines += workerLines(state, ui: ui, header: header, now: now, width: width)
        lines.append(Line(""))
        lines += queueLines(state, ui: ui, now: now, width: width)
        lines += inFlightLines(state, now: now, width: width)
        lines.append(Line(""))
        lines += addressLines(state, ui: ui, width: width)
        return lines
    }

    /// Lines shown at once in `area` (the filter line takes the last row while it is open).
    static func visibleLines(_ area: Rect, ui: WorkersUI) -> Int { area.height - (ui.editing != nil ? 1 : 0) }

    /// Draws the three sections into `area` from `ui.scroll` (clamped for drawing; the app core keeps it clamped).
    public static func draw(
        _ s: inout Surface, _ area: Rect, state: ConsoleState, ui: WorkersUI, header: HeaderInfo, now: Double,
        glyphs: Glyphs
    ) {
        guard area.height > 2, area.width > 40 else { return }
        let lines = self.lines(state, ui: ui, header: header, now: now, width: area.width)
        let visible = visibleLines(area, ui: ui)
        let top = ListViewport.clamp(ui.scroll, count: lines.count, visible: visible)
        for (i, l) in lines.dropFirst(top).prefix(visible).enumerated() {
            s.put(l.text, x: area.x, y: area.y + i, role: l.role, maxWidth: area.width)
        }
        if let text = ui.editing {
            let y = area.y + area.height - 1
            s.fill(x: area.x, y: y, width: area.width, height: 1)
            let x = s.put("filter: ", x: area.x, y: y, role: .label)
            s.put(text + "█", x: area.x + x, y: y, role: .value, maxWidth: area.width - x)
        }
    }

    struct Line {
        var text: String
        var role: Role
        init(_ text: String, _ role: Role = .normal) {
            self.text = text
            self.role = role
        }
    }

    static func workerLines(_ state: ConsoleState, ui: WorkersUI, header: HeaderInfo, now: Double, width: Int) -> [Line]
    {
        let all = state.workers.rows(now: now)
        guard !all.isEmpty else {
            var out = [Line("WORKERS", .label), Line("No worker has been heard from yet.", .dim)]
            if header.workerInspection == nil {
                out.append(
                    Line(
                        "Sentry runs its workers --without-heartbeat: start with --inspect-workers to ping them (pidbox).",
                        .dim))
            } else if state.inspection.latest != nil {
                out.append(
                    Line(
                        "Nobody answered the last ping: no worker runs, or they do not accept \(header.workerInspection!) (see --inspect-serializer).",
                        .warn))
            }
            return out
        }
        let rows = all.filter { ui.matches([$0.worker.name] + ($0.worker.queues ?? [])) }.sorted { a, b in
            switch ui.sort {
            case .name: return a.worker.name < b.worker.name
            case .rate:
                return (a.worker.processedPerSecond ?? -1, b.worker.name) > (
                    b.worker.processedPerSecond ?? -1, a.worker.name
                )
            case .state: return (a.liveness.rank, a.worker.name) < (b.liveness.rank, b.worker.name)
            }
        }
        // Below 100 columns the load average and the queue list give way to name and state.
        let wide = width >= 100
        let nameW = wide ? max(16, min(32, width / 4)) : 18
        let stateW = 22
        var head = "  " + DisplayWidth.pad("WORKER", to: nameW) + " " + DisplayWidth.pad("STATE", to: stateW)
        head += DisplayWidth.pad("PID", to: 7, right: true) + DisplayWidth.pad("ACTIVE", to: 7, right: true)
        head +=
            DisplayWidth.pad("TASKS/s", to: 8, right: true) + (wide ? DisplayWidth.pad("LOAD", to: 6, right: true) : "")
            + "  "
        head += DisplayWidth.pad("LAST SIGN", to: 10) + (wide ? " QUEUES" : "")
        var out = [Line(head, .label)]
        for (w, live) in rows {
            let (mark, text, role) = describe(live, now: now)
            var line = mark + " " + DisplayWidth.pad(w.name, to: nameW) + " " + DisplayWidth.pad(text, to: stateW)
            line += DisplayWidth.pad(w.pid.map(String.init) ?? "—", to: 7, right: true)
            let active = w.active.map(String.init) ?? "—"
            line += DisplayWidth.pad(active + (w.concurrency.map { "/\($0)" } ?? ""), to: 7, right: true)
            // A rate is only shown for a live worker: a frozen one's last rate would read as current.
            let rate = live.isAlive ? w.processedPerSecond.map { Format.fixed($0, 1) } : nil
            line += DisplayWidth.pad(rate ?? "—", to: 8, right: true)
            if wide {
                line += DisplayWidth.pad(w.loadavg?.first.map { Format.fixed($0, 2) } ?? "—", to: 6, right: true)
            }
            line += "  " + DisplayWidth.pad(lastSign(w, now: now), to: 10)
            guard wide else {
                out.append(Line(line, role))
                continue
            }
            line += " "
            // Whole queue names while they fit, then +N (a Sentry worker consumes ~90: "89 queues: a, b +87").
            if let queues = w.queues {
                let head = queues.count > 4 ? "\(queues.count) queues: " : ""
                line += head + DisplayWidth.list(queues, width: width - DisplayWidth.of(line + head), cutFirst: 8)
            } else {
                line += "—"
            }
            out.append(Line(line, role))
        }
        if rows.count < all.count {
            out.append(Line("(\(all.count - rows.count) hidden by filter \"\(ui.filter)\")", .dim))
        }
        return out
    }

    /// Mark, state text and role of a liveness.
    static func describe(_ l: WorkerLiveness, now: Double) -> (String, String, Role) {
        switch l {
        case .alive: return ("●", "alive", .ok)
        case .offline(let at): return ("○", "stopped \(Format.duration(now - at)) ago", .warn)
        case .unknown(let since): return ("?", "unchecked since \(Format.duration(now - since))", .dim)
        case .silent(let since, let connected):
            let quiet = "silent \(Format.duration(now - since))"
            switch connected {
            case true?: return ("✖", quiet + ", connected", .crit)
            case false?: return ("✖", quiet + ", conn. gone", .crit)
            case nil: return ("✖", quiet, .crit)
            }
        }
    }

    static func lastSign(_ w: WorkerRegistry.Worker, now: Double) -> String {
        switch (w.lastHeartbeat, w.lastPong) {
        case (let h?, let p?) where h >= p: return "hb \(Format.duration(now - h))"
        case (_, let p?): return "ping \(Format.duration(now - p))"
        case (let h?, nil): return "hb \(Format.duration(now - h))"
        default: return "—"
        }
    }

    /// One line for the Overview: workers alive/silent, consumers waiting/not polling.
    public static func compactLine(_ state: ConsoleState, now: Double) -> (String, Role) {
        let rows = state.workers.rows(now: now)
        var parts: [String] = []
        var role: Role = .dim
        if !rows.isEmpty {
            let alive = rows.filter { $0.liveness.isAlive }.count
            var text = "workers \(alive)/\(rows.count) alive"
            let bad = rows.filter { if case .silent = $0.liveness { return true } else { return false } }
            if let first = bad.first, case .silent(let since, _) = first.liveness {
                text +=
                    " (✖ \(first.worker.name) silent \(Format.duration(now - since))"
                    + (bad.count > 1 ? " +\(bad.count - 1))" : ")")
                role = .crit
            } else {
                role = .ok
            }
            parts.append(text)
        }
        if let hosts = state.redis.latest?.consumerHosts {
            let waiting = hosts.reduce(0) { $0 + $1.waiting }
            let stuck = hosts.reduce(0) { $0 + $1.notPolling }
            let busy = hosts.reduce(0) { $0 + $1.busy }
            var text = "consumers \(waiting) waiting" + (busy > 0 ? ", \(busy) busy" : "")
            if stuck > 0 {
                text +=
                    ", \(stuck) not polling \(Format.duration(Double(hosts.compactMap(\.longestNotPolling).max() ?? 0)))"
                if role != .crit { role = .warn }
            }
            parts.append(text + " on \(hosts.filter { $0.consumers > 0 }.count) host(s)")
        }
        guard !parts.isEmpty else { return ("", .dim) }
        return (parts.joined(separator: " · ") + " · 3 for details", role)
    }
}
