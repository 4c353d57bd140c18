import Foundation
import Model

/// The result of `check`: overall status (worst signal; UNKNOWN when a source is unreachable and nothing is
/// critical), the signals, and source errors. Text follows the Nagios plugin convention.
struct CheckReport: Encodable {
    struct Item: Encodable {
        var status: String
        var rule: String
        var subject: String
        var value: String
        var threshold: String
        var hint: String
    }

    /// Sentry's own metric-alert incident, listed apart (it sets the status only with `--sentry-incidents`).
    struct Incident: Encodable {
        var id: Int
        var title: String
        var status: String
        var openSeconds: Double
    }

    var status: Severity
    var items: [Item]
    var incidents: [Incident]
    var notes: [String] = []
    /// Rules this run could not judge (its interval is too short, or they need data `check` does not read).
    var notEvaluated: [String: String] = [:]
    var errors: [String: ProbeError]
    var perfdata: [String: Double]

    /// `notEvaluated`: rules (and rates) this check cannot judge at its interval, left out and named instead.
    init(state: ConsoleState, now: Double, notEvaluated: [String: String] = [:]) {
        self.notEvaluated = notEvaluated
        let signals = AlertRules.evaluate(state, now: now, thresholds: state.thresholds, active: [])
            .filter { $0.severity != .ok && notEvaluated[$0.rule] == nil }
            .sorted { $0.severity != $1.severity ? $0.severity > $1.severity : $0.key < $1.key }
        items = signals.map {
            Item(
                status: $0.severity.label, rule: $0.rule, subject: $0.subject, value: $0.value, threshold: $0.threshold,
                hint: $0.hint)
        }
        incidents =
            state.thresholds.sentryIncidents
            ? []
            : (state.postgres.latest?.openIncidents ?? []).map {
                Incident(
                    id: $0.identifier, title: $0.title,
                    status: $0.statusWord,
                    openSeconds: $0.startedSecondsAgo)
            }
        errors = [:]
        if let f = state.postgres.failure { errors["postgres"] = f.error }
        if let f = state.redis.failure { errors["redis"] = f.error }
        if let f = state.inspection.failure { errors["workers"] = f.error }
        var worst = signals.map(\.severity).max() ?? .ok
        if !errors.isEmpty && worst != .critical { worst = .unknown }
        if state.redis.latest != nil && state.taskBackend == .unknown && worst == .ok { worst = .unknown }
        status = worst
        perfdata = [:]
        if let p = state.postgres.latest {
            perfdata["connections"] = Double(p.total)
            perfdata["max_connections"] = Double(p.usableConnections)
            perfdata["lock_waits"] = Double(p.lockWaits.count)
            // What this role cannot see is said, so an OK is not read as "no idle transaction, no lock wait".
            let hidden = p.hiddenSessions
            if hidden > 0 {
                notes.append(
                    "\(hidden) Postgres sessions of other roles are hidden from this role (GRANT pg_read_all_stats):"
                        + " idle-in-transaction and lock-wait rules see only the visible ones")
            }
            if let denied = p.install.deniedTables {
                notes.append("no SELECT on \(denied.joined(separator: ", ")): rules that read them are skipped")
            }
        }
        if let refused = state.redis.latest?.discoveryRefused {
            notes.append(
                "Redis bindings not listed (SCAN: \(refused)): only Sentry's queue names and --queue are checked")
        }
        let workers = state.workers.rows(now: now)
        if !workers.isEmpty { perfdata["workers_alive"] = Double(workers.filter { $0.liveness.isAlive }.count) }
        if let r = state.redis.latest, state.taskBackend == .celeryRedis {
            perfdata["queue_depth"] = Double(r.totalDepth)
            perfdata["in_flight"] = Double(r.inFlight)
        }
        if notEvaluated["events_per_s"] == nil, let e = state.events.state(now: now).perSecond {
            perfdata["events_per_s"] = e
        }
    }

    enum CodingKeys: String, CodingKey {
        case status, code, alerts, errors, perfdata, sentryIncidents, notes, notEvaluated
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status.label, forKey: .status)
        try c.encode(status.rawValue, forKey: .code)
        try c.encode(items, forKey: .alerts)
        try c.encode(errors, forKey: .errors)
        try c.encode(perfdata, forKey: .perfdata)
        try c.encode(incidents, forKey: .sentryIncidents)
        try c.encode(notes, forKey: .notes)
        try c.encode(notEvaluated, forKey: .notEvaluated)
    }

    func json() throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try enc.encode(self), as: UTF8.self)
    }

    func text() -> String {
        let counts = Dictionary(grouping: items, by: \.status).mapValues(\.count)
        var summary =
            items.isEmpty && errors.isEmpty
            ? "no alerts"
            : ["CRITICAL", "WARNING"].compactMap { k in counts[k].map { "\($0) \(k.lowercased())" } }.joined(
                separator: ", ")
        if !errors.isEmpty {
            summary += (summary.isEmpty ? "" : ", ") + "unreachable: " + errors.keys.sorted().joined(separator: ", ")
        }
        let perf = perfdata.sorted { $0.key < $1.key }.map {
            "\($0.key)=\(Format.fixed($0.value, $0.value == $0.value.rounded() ? 0 : 2))"
        }
        var out =
            "SENTRY \(status.label) - \(summary)" + (perf.isEmpty ? "" : " | " + perf.joined(separator: " ")) + "\n"
        for i in items {
            out +=
                "\(i.status) \(i.rule)\(i.subject.isEmpty ? "" : " \(i.subject)"): \(i.value) (threshold \(i.threshold)) — \(i.hint)\n"
        }
        for (source, e) in errors.sorted(by: { $0.key < $1.key }) { out += "UNKNOWN \(source): \(e)\n" }
        for i in incidents {
            out +=
                "INFO Sentry metric alert #\(i.id) (\(i.status), open \(Format.duration(i.openSeconds))): \(i.title) — an application alert, not counted (--sentry-incidents counts it)\n"
        }
        for n in notes { out += "NOTE \(n)\n" }
        if !notEvaluated.isEmpty {
            out += "NOTE not evaluated: " + notEvaluated.keys.sorted().joined(separator: ", ") + " (--json says why)\n"
        }
        return out
    }
}
