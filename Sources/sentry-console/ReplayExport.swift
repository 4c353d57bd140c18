import Exporter
import Foundation
import Model

/// A recording's series between two times, for spreadsheets and Prometheus backfill: one row per sample
/// (queue depths, in flight, connections by state, events/s, firing alerts), computed by the same model the
/// console runs, so the exported numbers are the ones the screens showed.
struct ReplayExport {
    enum Format { case csv, jsonLines, openMetrics }

    let timeline: any Timeline

    func state(at t: Double) -> ConsoleState { RecordedState.state(at: t, of: timeline) }

    func render(from a: Double, to b: Double, as format: Format) -> String {
        var state = RecordedState.fresh(timeline.header)
        var rows: [(time: Double, state: ConsoleState)] = []
        var last = -Double.infinity
        for entry in timeline.entries(from: a - RecordedState.warmup(timeline.header), through: b) {
            RecordedState.apply(entry, to: &state)
            guard case .event(let e) = entry, e.time >= a else { continue }
            switch e {
            case .redis, .postgres:
                // One row per sampling round (the two sources answer a moment apart).
                guard e.time - last >= timeline.header.interval / 2 else { continue }
                last = e.time
                rows.append((e.time, state))
            default: continue
            }
        }
        switch format {
        case .csv: return csv(rows)
        case .jsonLines: return jsonLines(rows)
        case .openMetrics: return Backfill.render(rows.map { ($0.time, metrics($0.state, at: $0.time)) })
        }
    }

    /// The exporter's families as a scrape at `t` would have served them (sources up when answering then).
    func metrics(_ s: ConsoleState, at t: Double) -> [MetricFamily] {
        let sources = [
            SourceReport(
                source: "postgres", up: s.postgres.failure == nil && s.postgres.latest != nil, durationSeconds: nil),
            SourceReport(source: "redis", up: s.redis.failure == nil && s.redis.latest != nil, durationSeconds: nil),
        ]
        return SentryMetrics.families(state: s, sources: sources, now: t, version: version)
    }

    var version: String { timeline.header.console }

    /// The figures of one row, in a fixed order.
    func figures(_ s: ConsoleState, at t: Double) -> [(metric: String, label: String, value: Double)] {
        var out: [(String, String, Double)] = []
        if let r = s.redis.latest, s.taskBackend == .celeryRedis {
            for q in r.queues { out.append(("queue_depth", q.name, Double(q.depth))) }
            out.append(("in_flight", "", Double(r.inFlight)))
        }
        if let p = s.postgres.latest {
            for c in p.byState { out.append(("connections", c.name, Double(c.count))) }
        }
        if let e = s.events.state(now: t).perSecond { out.append(("events_per_second", "", e)) }
        for a in s.alerts.firing { out.append(("alert_firing", a.key, 1)) }
        return out
    }

    func csv(_ rows: [(time: Double, state: ConsoleState)]) -> String {
        var out = "time,metric,label,value\n"
        for row in rows {
            let iso = Self.iso(row.time)
            for f in figures(row.state, at: row.time) {
                out += "\(iso),\(f.metric),\(Self.csvField(f.label)),\(Self.number(f.value))\n"
            }
        }
        return out
    }

    func jsonLines(_ rows: [(time: Double, state: ConsoleState)]) -> String {
        struct Line: Encodable {
            var time: String
            var epoch: Double
            var queues: [String: Int]?
            var inFlight: Int?
            var connections: [String: Int]?
            var eventsPerSecond: Double?
            var alerts: [String]
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = ""
        for row in rows {
            let s = row.state
            let celery = s.taskBackend == .celeryRedis
            let line = Line(
                time: Self.iso(row.time), epoch: row.time,
                queues: celery
                    ? s.redis.latest.map { Dictionary($0.queues.map { ($0.name, $0.depth) }) { a, _ in a } } : nil,
                inFlight: celery ? s.redis.latest?.inFlight : nil,
                connections: s.postgres.latest.map { Dictionary($0.byState.map { ($0.name, $0.count) }) { a, _ in a } },
                eventsPerSecond: s.events.state(now: row.time).perSecond, alerts: s.alerts.firing.map(\.key))
            if let data = try? enc.encode(line) { out += String(decoding: data, as: UTF8.self) + "\n" }
        }
        return out
    }

    static func iso(_ t: Double) -> String {
        let c = CivilTime(t)
        return "\(c.date)T\(c.time)Z"
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break (queue names are anyone's strings).
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)" }
}
