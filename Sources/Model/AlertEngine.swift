/// Prometheus-like alert states over a stream of signals: inactive → pending → firing → resolved.
/// Pure and clock-injected. Invariants: an alert fires only after its condition held for `forSeconds`;
/// a resolved alert is kept `resolvedRetention` seconds; history keeps the last `historyLimit` transitions.
/// Flapping is prevented upstream by hysteresis in the rules (they are told which keys are active).
public struct AlertEngine: Sendable {
    public private(set) var alerts: [String: Alert] = [:]
    /// Acknowledged or snoozed keys: acknowledged lasts until the alert resolves, a snooze until `until`.
    public private(set) var silenced: [String: Silence] = [:]

    /// Why an alert is quiet: acknowledged (until it resolves) or snoozed (until a time).
    public struct Silence: Sendable, Equatable, Codable {
        public var by: String
        public var at: Double
        /// nil: acknowledged until resolved.
        public var until: Double?

        public init(by: String, at: Double, until: Double?) {
            self.by = by
            self.at = at
            self.until = until
        }
    }
    public private(set) var history: [AlertTransition] = []
    /// Keys whose silence came from another console (dropped when that console's entry disappears).
    public private(set) var sharedKeys: Set<String> = []
    public var resolvedRetention: Double = 300
    public let historyLimit = 100

    public init() {}

    /// The transitions after `last` (all of the history when `last` is nil or no longer in it).
    public func transitions(after last: AlertTransition?) -> ArraySlice<AlertTransition> {
        guard let last, let i = history.lastIndex(of: last) else { return history[...] }
        return history[(i + 1)...]
    }

    /// Keys currently pending or firing (the rules use this for hysteresis).
    public var activeKeys: Set<String> {
        Set(alerts.values.filter { $0.state != .resolved }.map(\.key))
    }

    /// Acknowledges a firing or pending alert until it resolves.
    public mutating func acknowledge(_ key: String, by: String, now: Double) {
        guard let a = alerts[key], a.state != .resolved else { return }
        silenced[key] = Silence(by: by, at: now, until: nil)
        sharedKeys.remove(key)
        record(now, key, a.state.rawValue, "acknowledged by \(by)", a.severity)
    }

    /// Snoozes a key for `seconds`, whatever its state now or later.
    public mutating func snooze(_ key: String, for seconds: Double, by: String, now: Double) {
        silenced[key] = Silence(by: by, at: now, until: now + seconds)
        sharedKeys.remove(key)
        record(
            now, key, alerts[key]?.state.rawValue ?? "inactive", "snoozed \(Format.duration(seconds)) by \(by)",
            alerts[key]?.severity ?? .warning)
    }

    public mutating func unsilence(_ key: String, now: Double) {
        sharedKeys.remove(key)
        guard silenced.removeValue(forKey: key) != nil else { return }
        record(now, key, "silenced", "unsilenced", alerts[key]?.severity ?? .warning)
    }

    public func isSilenced(_ key: String) -> Bool { silenced[key] != nil }

    /// Adopts silences shared through Redis by consoles in write mode: a newer shared entry wins over a local
    /// one; a silence adopted from Redis ends when its entry is gone (unsilenced or expired there).
    public mutating func mergeShared(_ shared: [String: Silence], now: Double) {
        for (key, s) in shared.sorted(by: { $0.key < $1.key }) {
            if let local = silenced[key], local.at >= s.at { continue }
            silenced[key] = s
            sharedKeys.insert(key)
            let what = s.until.map { "snoozed until \(Format.clock($0)) by \(s.by)" } ?? "acknowledged by \(s.by)"
            record(
                now, key, alerts[key]?.state.rawValue ?? "inactive", what + " (shared)",
                alerts[key]?.severity ?? .warning)
        }
        for key in sharedKeys.sorted() where shared[key] == nil {
            sharedKeys.remove(key)
            if silenced.removeValue(forKey: key) != nil {
                record(now, key, "silenced", "unsilenced (shared)", alerts[key]?.severity ?? .warning)
            }
        }
    }

    /// Firing alerts that are neither acknowledged nor snoozed (what the strip and the bell announce).
    public var loud: [Alert] { firing.filter { !isSilenced($0.key) } }

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
        for (key, s) in silenced {
            if let until = s.until, now >= until { silenced[key] = nil }
        }
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
                let a = Alert(
                    rule: s.rule, subject: s.subject, severity: s.severity, state: fires ? .firing : .pending,
                    since: now, value: s.value, threshold: s.threshold, hint: s.hint)
                record(now, a.key, alerts[s.key]?.state.rawValue ?? "inactive", a.state.rawValue, a.severity)
                alerts[s.key] = a
            }
        }
        for (key, var a) in alerts where !seen.contains(key) {
            switch a.state {
            case .pending:
                if !unknown.contains(key) && !unknown.contains(a.rule) {
                    record(now, key, "pending", "inactive", a.severity)
                    alerts[key] = nil
                    if silenced[key]?.until == nil { silenced[key] = nil }
                }
            case .firing:
                guard !unknown.contains(key) && !unknown.contains(a.rule) else { continue }
                record(now, key, "firing", "resolved", a.severity)
                if silenced[key]?.until == nil { silenced[key] = nil }  // an acknowledgement ends with the episode
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
