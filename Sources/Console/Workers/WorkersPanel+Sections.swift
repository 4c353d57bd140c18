import Model

/// The Workers screen's lower sections: consumers per queue, in flight by queue, connections per address.
extension WorkersPanel {
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
        let queues = candidates.count <= 12 || ui.showEmptyQueues ? candidates : candidates.filter { $0.depth > 0 }
        var out = [
            Line(
                DisplayWidth.pad("QUEUE", to: 34) + DisplayWidth.pad("DEPTH", to: 10, right: true)
                    + "  CONSUMED BY (alive)", .label)
        ]
        for q in queues.prefix(ui.showEmptyQueues ? 1000 : 100) {
            let names = state.workers.consumerNames(of: q.name, now: now)
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
            let more = queues.isEmpty ? "" : " more"
            out.append(
                Line("\(candidates.count - queues.count)\(more) consumed queues, all empty · e lists them", .dim))
        }
        return out
    }

    /// Reserved-but-unacked messages by routing key (the oldest entries, read every few refreshes).
    static func inFlightLines(_ state: ConsoleState, now: Double, width: Int = .max) -> [Line] {
        guard let r = state.redis.latest, r.inFlight > 0 else { return [] }
        let oldest = r.oldestInFlightSeconds.map { " · oldest \(Format.duration($0))" } ?? ""
        let count = "IN FLIGHT \(Format.count(r.inFlight))"
        guard let groups = r.inFlightByQueue, !groups.isEmpty else {
            return [
                Line(
                    DisplayWidth.fitting([count + " reserved, not acked" + oldest, count + oldest], width: width),
                    .label)
            ]
        }
        let read = groups.reduce(0) { $0 + $1.count }
        let by = read < r.inFlight ? "oldest \(read) by queue: " : "by queue: "
        // Whole items only, as many as fit, then "+N" (never a queue name cut in the middle); when narrow the
        // words before them give way first, so at least one queue is named.
        let items = groups.prefix(8).map { "\($0.routingKey) \($0.count) (\(Format.duration($0.oldestSeconds)))" }
        let heads = [count + " reserved, not acked" + oldest + " · " + by, count + oldest + " · ", count + " · "]
        let head =
            heads.first { DisplayWidth.of($0) + DisplayWidth.of(items[0]) + (items.count > 1 ? 3 : 0) <= width }
            ?? heads[0]
        return [Line(head + DisplayWidth.list(items, width: width - DisplayWidth.of(head)), .label)]
    }

    static func addressLines(_ state: ConsoleState, ui: WorkersUI, width: Int) -> [Line] {
        let redisHosts = state.redis.latest?.consumerHosts
        let pgHosts = state.postgres.latest?.byClientAddress ?? []
        var head =
            DisplayWidth.pad("CLIENT ADDRESS", to: 16) + " │" + DisplayWidth.pad("wait", to: 5, right: true)
            + DisplayWidth.pad("busy", to: 5, right: true)
        head += DisplayWidth.pad("not poll", to: 10, right: true) + DisplayWidth.pad("subs", to: 5, right: true)
        head += DisplayWidth.pad("other", to: 6, right: true) + " │" + DisplayWidth.pad("conns", to: 6, right: true)
        head += DisplayWidth.pad("active", to: 7, right: true) + DisplayWidth.pad("idle-tx", to: 8, right: true)
        head += DisplayWidth.fitting(["  applications", "  apps"], width: width - DisplayWidth.of(head))
        // CLIENT LIST is read at a slow cadence (it is O(clients) for Redis): say how old the Redis side is.
        let age = state.redis.latest.flatMap { r in r.consumerHostsAt.map { max(0, r.takenAt - $0) } }
        let asOf = age.map { $0 >= 1 ? ", CLIENT LIST \(Format.duration($0)) old, c reads now" : "" } ?? ""
        let ageWord = age.map { $0 >= 1 ? " (CLIENT LIST \(Format.duration($0)) old)" : "" } ?? ""
        let title = DisplayWidth.fitting(
            [
                "CONNECTIONS BY CLIENT ADDRESS: Redis (broker db\(asOf)) │ Postgres",
                "CONNECTIONS BY CLIENT ADDRESS: Redis\(ageWord) │ Postgres",
                "BY CLIENT ADDRESS: Redis\(ageWord) │ Postgres",
            ], width: width)
        var out = [Line(title, .label), Line(head, .label)]
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
                // Whole application names while they fit, then +N (a lone first one cut with "…").
                let apps = p.applications.map { "\($0.name) (\($0.count))" }
                line += DisplayWidth.list(apps, width: width - DisplayWidth.of(line), cutFirst: 6)
            } else {
                line += DisplayWidth.pad("—", to: 6, right: true)
            }
            let role: Role = (r?.notPolling ?? 0) > 0 || (p?.idleInTransaction ?? 0) > 0 ? .warn : .normal
            out.append(Line(line, role))
        }
        return out
    }
}
