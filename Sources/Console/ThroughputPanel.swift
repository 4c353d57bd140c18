import Model

/// The Throughput panel: events/s (nodestore inserts; unknown when events bypass Postgres), new issues/s, DB
/// transactions/s, Sentry's buffer backlog, Redis ops/s and memory — each with its data state and a sparkline.
public enum ThroughputPanel {
    public static func draw(_ s: inout Surface, _ area: Rect, state: ConsoleState, now: Double, glyphs: Glyphs) {
        guard area.height > 0, area.width > 10 else { return }
        let labelW = 13
        let valueW = 8
        let sparkW = max(0, area.width - labelW - valueW - 2)
        var rows: [(String, String, Role, [Double])] = []
        let install = state.postgres.latest?.install
        // Issues keep being seen but nodestore_node gets no rows: events are stored elsewhere, their rate unknown.
        let elsewhere = state.eventStore.elsewhere
        rows.append(
            rateRow(
                "events/s", state.events, now, bucket: state.sparkBucket,
                missing: install?.hasNodestore == false ? "no table" : nil))
        rows.append(
            rateRow(
                "new issues/s", state.newIssues, now, bucket: state.sparkBucket,
                missing: install?.hasIssues == false ? "no table" : nil))
        rows.append(rateRow("db xact/s", state.transactions, now, bucket: state.sparkBucket, missing: nil))
        if let r = state.redis.latest {
            let b = r.bufferBacklog ?? 0
            rows.append(
                (
                    "buffer b:p", Format.count(b), b > 10_000 ? .warn : .value,
                    state.bufferHistory.buckets(sparkW, seconds: state.sparkBucket, now: now, .last)
                ))
        } else {
            rows.append(("buffer b:p", "—", .dim, []))
        }
        rows.append(rateRow("redis ops/s", state.redisOps, now, bucket: state.sparkBucket, missing: nil))
        if let r = state.redis.latest {
            let mem = Format.bytes(r.stats.usedMemory)
            let role: Role = r.stats.maxMemory > 0 && r.stats.usedMemory * 10 > r.stats.maxMemory * 9 ? .crit : .value
            rows.append(("redis mem", mem, role, []))
            rows.append(("redis clients", Format.count(r.stats.connectedClients), .value, []))
        } else {
            rows.append(("redis mem", "—", .dim, []))
        }
        for (i, row) in rows.prefix(area.height).enumerated() {
            let y = area.y + i
            s.put(DisplayWidth.pad(row.0, to: labelW), x: area.x, y: y, role: .label)
            if i == 0 && elsewhere {
                // The value and the graph's room hold the reason instead (17 columns at 80×24).
                let room = max(0, area.width - labelW)
                s.put(DisplayWidth.fitting(Self.elsewhereNotes, width: room), x: area.x + labelW, y: y, role: .dim)
                continue
            }
            s.put(DisplayWidth.pad(row.1, to: valueW, right: true), x: area.x + labelW, y: y, role: row.2)
            if sparkW > 0 && !row.3.isEmpty {
                s.put(
                    Sparkline.render(row.3, width: sparkW, glyphs: glyphs), x: area.x + labelW + valueW + 2, y: y,
                    role: .graph, maxWidth: sparkW)
            }
        }
    }

    /// Why events/s is unknown when events bypass Postgres (self-hosted 25.9 keeps them in SeaweedFS).
    /// Longest first; the first that fits is shown (never cut mid-word).
    static let elsewhereNotes = [
        "? not stored in Postgres (nodestore elsewhere)", "? not stored in Postgres", "? not in Postgres", "?",
    ]

    private static func rateRow(_ label: String, _ rate: CounterRate, _ now: Double, bucket: Double, missing: String?)
        -> (String, String, Role, [Double])
    {
        if let missing { return (label, missing, .dim, []) }
        let history = rate.history.buckets(40, seconds: bucket, now: now, .mean)
        switch rate.state(now: now) {
        case .initializing: return (label, "…", .dim, history)
        case .noData: return (label, "n/a", .dim, [])
        case .stale(let last): return (label, Format.rate(last) + "?", .stale, history)
        case .data(let r): return (label, Format.rate(r), .value, history)
        }
    }
}
