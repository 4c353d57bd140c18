/// Prometheus-like alert states over a stream of signals: inactive → pending → firing → resolved.
/// Pure and clock-injected. Invariants: an alert fires only after its condition held for `forSeconds`;
/// a resolved alert is kept `resolvedRetention` seconds; history keeps the last `historyLimit` transitions.
/// Flapping is prevented upstream by hysteresis in the rules (they are told which keys are active).
public struct AlertEngine: Sendable {
    public private(set) var alerts: [String: Alert] = [:]
    public private(set) var history: [AlertTransition] = []
    public var resolvedRetention: Double = 300
    public let historyLimit = 100

    public init() {}

    /// Keys currently pending or firing (the rules use this for hysteresis).
    public var activeKeys: Set<String> {
        Set(alerts.values.filter { $0.state != .resolved }.map(\.key))
    }

    /// Firing alerts, worst first, then oldest first, then by key (deterministic).
    public var firing: [Alert] {
        alerts.values.filter { $0.state == .firing }.sorted {
            if $0.severity != $1.severity { return $0.severity > $1.severity }
            return $0.since != $1.since ? $0.since < $1.since : $0.key < $1.key
        }
    }

    /// All tracked alerts for display: firing, then pending, then resolved.
    public var all: [Alert] {
        let order: [Alert.State: Int] = [.firing: 0, .pending: 1, .resolved: 2]
        return alerts.values.sorted {
            if $0.state != $1.state { return order[$0.state]! < order[$1.state]! }
            if $0.severity != $1.severity { return $0.severity > $1.severity }
            return $0.key < $1.key
        }
    }

    /// Applies one evaluation round. Keys absent from `signals` count as "condition false", except those
    /// listed in `unknown` (their source is down): those keep their state rather than resolving.
    public mutating func update(_ signals: [AlertSignal], now: Double, unknown: Set<String> = []) {
        var seen = Set<String>()
        for s in signals where s.severity != .ok {
            seen.insert(s.key)
            if var a = alerts[s.key], a.state != .resolved {
                a.value = s.value
                a.threshold = s.threshold
                a.hint = s.hint
                if a.severity != s.severity && a.state == .firing {
                    record(now, a.key, "firing \(a.severity.label)", "firing \(s.severity.label)", s.severity)
                }
                a.severity = s.severity
                if a.state == .pending && now - a.since >= s.forSeconds {
                    record(now, a.key, "pending", "firing", a.severity)
                    a.state = .firing
                    a.since = now
                }
                alerts[s.key] = a
            } else {
                let fires = s.forSeconds <= 0
                let a = Alert(rule: s.rule, subject: s.subject, severity: s.severity, state: fires ? .firing : .pending,
                              since: now, value: s.value, threshold: s.threshold, hint: s.hint)
                record(now, a.key, alerts[s.key]?.state.rawValue ?? "inactive", a.state.rawValue, a.severity)
                alerts[s.key] = a
            }
        }
        for (key, var a) in alerts where !seen.contains(key) {
            switch a.state {
            case .pending:
                if !unknown.contains(key) && !unknown.contains(a.rule) { alerts[key] = nil }
            case .firing:
                guard !unknown.contains(key) && !unknown.contains(a.rule) else { continue }
                record(now, key, "firing", "resolved", a.severity)
                a.state = .resolved
                a.since = now
                alerts[key] = a
            case .resolved:
                if now - a.since >= resolvedRetention { alerts[key] = nil }
            }
        }
    }

    private mutating func record(_ at: Double, _ key: String, _ from: String, _ to: String, _ severity: Severity) {
        history.append(AlertTransition(at: at, key: key, from: from, to: to, severity: severity))
        if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
    }
}
