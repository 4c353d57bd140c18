import Model

/// The Queues panel: one row per Celery queue, deepest first, with depth, trend, rate, drain ETA and the next
/// task out. When Redis holds no Celery keys it says why instead of showing zeros.
public enum QueuesPanel {
    public static func summary(_ state: ConsoleState) -> String { summaries(state).first ?? "" }

    /// The summary, longest first, each form a phrase-wise shortening of the one before (the frame shows the
    /// first that fits): hosts go, then the oldest age and "queues", then the consumers.
    public static func summaries(_ state: ConsoleState) -> [String] {
        guard let r = state.redis.latest, state.taskBackend == .celeryRedis else { return [] }
        let nonEmpty = r.queues.filter { $0.depth > 0 }.count
        let waiting = "\(Format.count(r.totalDepth)) waiting"
        let flight = "\(Format.count(r.inFlight)) in flight"
        let oldest = r.oldestInFlightSeconds.flatMap { r.inFlight > 0 ? " (oldest \(Format.duration($0)))" : nil } ?? ""
        var idle = ""
        var hosts = ""
        if let consumers = r.waitingConsumers {
            let n = consumers.reduce(0) { $0 + $1.count }
            idle = " · \(n) idle"
            hosts = consumers.count > 1 ? " on \(consumers.count) hosts" : ""
            let word = " consumer\(n == 1 ? "" : "s")"
            return [
                "\(waiting) in \(nonEmpty)/\(r.queues.count) queues · \(flight)\(oldest)\(idle)\(word)\(hosts)",
                "\(waiting) in \(nonEmpty)/\(r.queues.count) queues · \(flight)\(oldest)\(idle)\(word)",
                "\(waiting) in \(nonEmpty)/\(r.queues.count) · \(flight)\(idle)",
                "\(waiting) · \(flight)\(idle)", "\(waiting) · \(flight)",
            ]
        }
        return [
            "\(waiting) in \(nonEmpty)/\(r.queues.count) queues · \(flight)\(oldest)",
            "\(waiting) in \(nonEmpty)/\(r.queues.count) · \(flight)", "\(waiting) · \(flight)",
        ]
    }

    /// Draws the rows into `area`; `scroll` is clamped and returned. The "1-21 of 89" marker goes on `markerRow`
    /// (the frame's bottom border; by default the row under `area`).
    @discardableResult
    public static func draw(
        _ s: inout Surface, _ area: Rect, state: ConsoleState, now: Double, scroll: Int, glyphs: Glyphs,
        markerRow: Int? = nil, selection: Int? = nil, showEmpty: Bool = true
    ) -> Int {
        guard area.height > 0, area.width > 10 else { return 0 }
        switch state.taskBackend {
        case .celeryRedis: break
        case .taskbroker:
            let m = state.postgres.latest?.install.latestMigration ?? "?"
            s.put(
                "Sentry ≥ 25.10 (migration \(m)): tasks run on Kafka/taskbroker,", x: area.x, y: area.y, role: .warn,
                maxWidth: area.width)
            s.put(
                "not Celery — queue depths are not visible in Redis.", x: area.x, y: area.y + 1, role: .warn,
                maxWidth: area.width)
            return 0
        case .unknown:
            if let r = state.redis.latest {
                s.put(
                    "No Celery keys in Redis db \(r.db)\(r.keyPrefix.isEmpty ? "" : " (prefix \(r.keyPrefix))"): queue depths unknown, not 0.",
                    x: area.x, y: area.y, role: .warn, maxWidth: area.width)
                s.put(
                    "Check --redis (db number) and --key-prefix; Sentry ≥ 25.10 uses taskbroker.", x: area.x,
                    y: area.y + 1, role: .dim, maxWidth: area.width)
            } else {
                s.put("waiting for Redis…", x: area.x, y: area.y, role: .dim, maxWidth: area.width)
            }
            return 0
        }
        guard let snap = state.redis.latest else { return 0 }
        let table = Self.table(width: area.width)
        s.put(table.header, x: area.x, y: area.y, role: .label, maxWidth: area.width)
        let queues = Self.rows(snap, showEmpty: showEmpty)
        let folded = snap.queues.count - queues.count
        // The folded empty queues take the last line of the list (only when there are any), a refused SCAN one more.
        let refused = snap.discoveryRefused.map {
            "bindings not listed (SCAN: \($0)): Sentry's queues and --queue only"
        }
        let rows = area.height - 1 - (folded > 0 ? 1 : 0) - (refused != nil ? 1 : 0)
        let top = ListViewport.clamp(scroll, count: queues.count, visible: rows)
        let trendW = table.width(of: "TREND")
        let shown = queues.dropFirst(top).prefix(rows)
        if folded > 0 {
            let line = "\(folded) empty queue\(folded == 1 ? "" : "s") · e lists them"
            s.put(line, x: area.x, y: area.y + 1 + shown.count, role: .dim, maxWidth: area.width)
        }
        if let refused {
            let y = area.y + 1 + shown.count + (folded > 0 ? 1 : 0)
            s.put(DisplayWidth.truncateWords(refused, to: area.width), x: area.x, y: y, role: .warn)
        }
        for (i, q) in shown.enumerated() {
            let trend = state.trend(of: q.name, now: now)
            let spark = Sparkline.render(
                state.depthBuckets(of: q.name, last: trendW, now: now), width: trendW, scale: .range, glyphs: glyphs)
            let (rate, eta, etaRole) = describe(
                trend, idleConsumers: snap.waitingConsumerCount, inFlight: snap.inFlight)
            let role: Role = q.depth == 0 ? .dim : .normal
            var cells: [(String, Role)] = [
                (q.name, role), (Format.count(q.depth), q.depth == 0 ? .dim : .value), (spark, .graph), (rate, role),
                (eta, etaRole),
            ]
            if let task = q.nextTask { cells.append((task, .dim)) }
            if top + i == selection { cells[0].1 = .titleFocus }
            table.draw(&s, cells, x: area.x, y: area.y + 1 + i)
        }
        if queues.count > rows {
            let more = " \(top + 1)-\(min(queues.count, top + rows)) of \(queues.count) "
            s.put(
                more, x: area.x + area.width - DisplayWidth.of(more), y: markerRow ?? area.y + area.height, role: .dim)
        }
        return top
    }

    /// The queues the list shows, deepest first: all of them, or (folded) only those holding messages.
    public static func rows(_ snap: RedisSnapshot, showEmpty: Bool) -> [QueueSample] {
        showEmpty ? snap.queues : snap.queues.filter { $0.depth > 0 }
    }

    /// The columns at a width: from 96 columns the next task out takes 45 % of the flexible space.
    static func table(width: Int) -> Table {
        Table(
            [
                .init("QUEUE", .flex(min: 10, percent: 55)), .init("DEPTH", .fixed(9), right: true),
                .init("TREND", .fixed(10)), .init("RATE/min", .fixed(10), right: true), .init("ETA", .fixed(21)),
                .init("NEXT TASK", .flex(min: 0), hideBelow: 96),
            ], width: width, padLast: true)
    }

    /// Rate, ETA text and its role for a trend. A stalled queue is explained by the consumers: none idle and
    /// nothing in flight → no consumers; none idle but messages reserved → workers busy (or hung); idle
    /// consumers present → nobody consumes this queue.
    public static func describe(_ t: QueueTrend, idleConsumers: Int? = nil, inFlight: Int = 0) -> (String, String, Role)
    {
        switch t {
        case .stalled(let secs):
            let why = StallCause(waitingConsumers: idleConsumers, inFlight: inFlight).words
            return ("0", why.map { "stalled: \($0)" } ?? "stalled \(Format.duration(secs))", .crit)
        case .initializing: return ("…", "measuring", .dim)
        case .empty: return ("0", "empty", .dim)
        case .steady: return ("~0", "steady", .normal)
        case .growing(let pm): return ("+" + Format.compact(pm), "growing", .warn)
        case .draining(let pm, let eta):
            return (Format.compact(pm), eta < 1 ? "drains in <1s" : "drains in ~\(Format.duration(eta))", .ok)
        }
    }
}
