/// One Prometheus alerting rule equivalent to a console rule: the console's rule id as the `rule` label,
/// severity, PromQL over the exporter's metrics, `for` duration and the runbook text.
public struct PrometheusRule: Sendable, Equatable {
    public var alert: String
    public var rule: String
    public var severity: String
    public var expr: String
    public var forSeconds: Double
    public var summary: String
    public var runbook: String

    public init(
        alert: String, rule: String, severity: String, expr: String, forSeconds: Double, summary: String,
        runbook: String
    ) {
        self.alert = alert
        self.rule = rule
        self.severity = severity
        self.expr = expr
        self.forSeconds = forSeconds
        self.summary = summary
        self.runbook = runbook
    }

    /// A rule that fires as soon as a gauge exceeds a threshold (`metric > threshold`, no `for`).
    static func above(
        _ metric: String, _ threshold: Double, alert: String, rule: String, severity: String = "warning",
        summary: String, runbook: String
    ) -> PrometheusRule {
        PrometheusRule(
            alert: alert, rule: rule, severity: severity, expr: "\(metric) > \(number(threshold))", forSeconds: 0,
            summary: summary, runbook: runbook)
    }

    /// `for` in Prometheus duration syntax (`90s`, `5m`, `1h`); whole minutes and hours when exact.
    public var forText: String { Self.duration(forSeconds) }

    static func duration(_ s: Double) -> String {
        let n = Int(s.rounded())
        if n > 0 && n % 3600 == 0 { return "\(n / 3600)h" }
        if n > 0 && n % 60 == 0 { return "\(n / 60)m" }
        return "\(n)s"
    }

    /// A number as PromQL writes it: integers without a decimal point.
    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
