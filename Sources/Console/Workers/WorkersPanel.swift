import Model

/// The Workers screen: workers (from heartbeats and pings) with liveness, then consumers per queue (when the
/// workers reported their queues), then every client address with its Redis consumer connections next to its
/// Postgres backends. Dead or stalled workers sort first and are drawn in the critical role.
public enum WorkersPanel {
    public static func summary(_ state: ConsoleState, header: HeaderInfo, now: Double) -> String {
        let rows = state.workers.rows(now: now)
        let alive = rows.filter { $0.liveness.isAlive }.count
        var parts = ["\(rows.count) worker\(rows.count == 1 ? "" : "s"): \(alive) alive"]
        if rows.count > alive { parts[0] += ", \(rows.count - alive) not" }
        parts.append(state.heartbeats.failure != nil ? "heartbeats: listener down" : "heartbeats: listening")
        if let serializer = header.workerInspection {
            var ping = "ping: \(serializer)"
            if let r = state.inspection.latest { ping += ", \(r.replies.count)/\(r.receivers) answered" }
            if state.inspection.failure != nil { ping += ", failing" }
            parts.append(ping)
        } else {
            parts.append("ping: off")
        }
        return parts.joined(separator: " · ")
    }

    /// Every line of the three sections at `width`.
    static func lines(_ state: ConsoleState, ui: WorkersUI, header: HeaderInfo, now: Double, width: Int) -> [Line] {
        var lines: [Line] = []
        lines += workerLines(state, ui: ui, header: header, now: now, width: width)
        lines.append(Line(""))
        lines += queueLines(state, ui: ui, now: now, width: width)
        lines += inFlightLines(state, now: now)
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
            line +=
                w.queues.map {
                    $0.count > 4 ? "\($0.count) queues: " + $0.joined(separator: ",") : $0.joined(separator: ",")
                } ?? "—"
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

    static func queueLines(_ state: ConsoleState, ui: WorkersUI, now: Double, width: Int) -> [Line] {
        guard let redis = state.redis.latest, state.taskBackend == .celeryRedis else { return [] }
        guard state.workers.knowsQueues(now: now) else {
            let total = redis.consumerHosts.map { $0.reduce(0) { $0 + $1.consumers } }
            var out = [Line("QUEUES → CONSUMERS", .label)]
            if total == 0 && redis.totalDepth > 0 {
                out.append(
                    Line(
                        "no consumer connection on db \(redis.db) while \(Format.count(redis.totalDepth)) tasks wait",
                        .crit))
            }
            out.append(
                Line(
                    "per-queue consumers need the workers' active_queues (--inspect-workers): CLIENT LIST does not say which keys a BRPOP waits on",
                    .dim))
            return out
        }
        let consumed = Set(state.workers.workers.values.flatMap { $0.queues ?? [] })
        // Empty queues are listed only when few (a Sentry worker consumes ~100 queues); non-empty ones always.
        let candidates = redis.queues.filter { ($0.depth > 0 || consumed.contains($0.name)) && ui.matches([$0.name]) }
        let queues = candidates.count <= 12 ? candidates : candidates.filter { $0.depth > 0 }
        var out = [
            Line(
                DisplayWidth.pad("QUEUE", to: 34) + DisplayWidth.pad("DEPTH", to: 10, right: true)
                    + "  CONSUMED BY (alive)", .label)
        ]
        let alive = state.workers.rows(now: now).filter { $0.liveness.isAlive }.map(\.worker)
        for q in queues.prefix(100) {
            let names = alive.filter { ($0.queues ?? []).contains(q.name) }.map(\.name)
            let role: Role = names.isEmpty && q.depth > 0 ? .crit : q.depth == 0 ? .dim : .normal
            let who =
                names.isEmpty
                ? (q.depth > 0 ? "NO CONSUMERS" : "none") : "\(names.count): " + names.joined(separator: ", ")
            out.append(
                Line(
                    DisplayWidth.pad(q.name, to: 34) + DisplayWidth.pad(Format.count(q.depth), to: 10, right: true)
                        + "  " + who, role))
        }
        if queues.count < candidates.count {
            out.append(Line("… and \(candidates.count - queues.count) more consumed queues, all empty", .dim))
        }
        return out
    }

    /// Reserved-but-unacked messages by routing key (the oldest entries, read every few refreshes).
    static func inFlightLines(_ state: ConsoleState, now: Double) -> [Line] {
        guard let r = state.redis.latest, r.inFlight > 0 else { return [] }
        var text = "IN FLIGHT \(Format.count(r.inFlight)) reserved, not acked"
        if let oldest = r.oldestInFlightSeconds { text += " · oldest \(Format.duration(oldest))" }
        guard let groups = r.inFlightByQueue, !groups.isEmpty else { return [Line(text, .label)] }
        let read = groups.reduce(0) { $0 + $1.count }
        text += read < r.inFlight ? " · oldest \(read) by queue: " : " · by queue: "
        text += groups.prefix(8).map { "\($0.routingKey) \($0.count) (\(Format.duration($0.oldestSeconds)))" }.joined(
            separator: ", ")
        return [Line(text, .label)]
    }

    static func addressLines(_ state: ConsoleState, ui: WorkersUI, width: Int) -> [Line] {
        let redisHosts = state.redis.latest?.consumerHosts
        let pgHosts = state.postgres.latest?.byClientAddress ?? []
        var head =
            DisplayWidth.pad("CLIENT ADDRESS", to: 16) + " │" + DisplayWidth.pad("wait", to: 5, right: true)
            + DisplayWidth.pad("busy", to: 5, right: true)
        head += DisplayWidth.pad("not poll", to: 10, right: true) + DisplayWidth.pad("subs", to: 5, right: true)
        head += DisplayWidth.pad("other", to: 6, right: true) + " │" + DisplayWidth.pad("conns", to: 6, right: true)
        head +=
            DisplayWidth.pad("active", to: 7, right: true) + DisplayWidth.pad("idle-tx", to: 8, right: true)
            + "  applications"
        var out = [Line("CONNECTIONS BY CLIENT ADDRESS: Redis (broker db) │ Postgres", .label), Line(head, .label)]
        if redisHosts == nil {
            out.append(Line("CLIENT LIST was refused by Redis (renamed or ACL): consumers unknown", .warn))
        }
        let redisBy = Dictionary((redisHosts ?? []).map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
        let pgBy = Dictionary(pgHosts.map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
        let addresses = (redisHosts ?? []).map(\.address) + pgHosts.map(\.address).filter { redisBy[$0] == nil }
        for a in addresses where ui.matches([a]) {
            let r = redisBy[a]
            let p = pgBy[a]
            var line = DisplayWidth.pad(a, to: 16) + " │"
            if let r {
                line +=
                    DisplayWidth.pad(String(r.waiting), to: 5, right: true)
                    + DisplayWidth.pad(String(r.busy), to: 5, right: true)
                let np =
                    r.notPolling == 0 ? "0" : "\(r.notPolling) \(Format.duration(Double(r.longestNotPolling ?? 0)))"
                line +=
                    DisplayWidth.pad(np, to: 10, right: true)
                    + DisplayWidth.pad(String(r.subscribers), to: 5, right: true)
                line += DisplayWidth.pad(String(r.other), to: 6, right: true)
            } else {
                line +=
                    DisplayWidth.pad("—", to: 5, right: true) + DisplayWidth.pad("—", to: 5, right: true)
                    + DisplayWidth.pad("—", to: 10, right: true)
                line += DisplayWidth.pad("—", to: 5, right: true) + DisplayWidth.pad("—", to: 6, right: true)
            }
            line += " │"
            if let p {
                line +=
                    DisplayWidth.pad(String(p.total), to: 6, right: true)
                    + DisplayWidth.pad(String(p.active), to: 7, right: true)
                line += DisplayWidth.pad(String(p.idleInTransaction), to: 8, right: true) + "  "
                line += p.applications.map { "\($0.name) (\($0.count))" }.joined(separator: ", ")
            } else {
                line += DisplayWidth.pad("—", to: 6, right: true)
            }
            let role: Role = (r?.notPolling ?? 0) > 0 || (p?.idleInTransaction ?? 0) > 0 ? .warn : .normal
            out.append(Line(line, role))
        }
        return out
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
