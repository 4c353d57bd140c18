import Prometheus

/// Renders metric families through swift-prometheus's registry: the Prometheus text format 0.0.4, or
/// OpenMetrics 1.0 when a scraper asks for it. Invariants: a fresh registry per scrape (a family whose
/// source is down is simply not registered; counters are set to the cumulative value read, so a statistics
/// reset shows as a counter reset); OpenMetrics output ends with `# EOF`.
public enum Exposition {
    public enum Format: Sendable, Equatable {
        case text004
        case openMetrics

        public var contentType: String {
            switch self {
            case .text004: return "text/plain; version=0.0.4; charset=utf-8"
            case .openMetrics: return "application/openmetrics-text; version=1.0.0; charset=utf-8"
            }
        }

        /// Picks the format from an `Accept` header: OpenMetrics only when it is listed with a q-value higher
        /// than (or without) text/plain; anything else gets 0.0.4, which every Prometheus accepts.
        public static func negotiate(accept: String?) -> Format {
            guard let accept else { return .text004 }
            var om = -1.0
            var text = -1.0
            for part in accept.split(separator: ",") {
                let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let type = fields.first?.lowercased() else { continue }
                let q = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
                if type == "application/openmetrics-text" { om = max(om, q) }
                if type == "text/plain" || type == "*/*" { text = max(text, q) }
            }
            return om > 0 && om >= text ? .openMetrics : .text004
        }
    }

    public static func render(_ families: [MetricFamily], as format: Format) -> [UInt8] {
        let registry = PrometheusCollectorRegistry()
        for f in families {
            for s in f.samples {
                let labels = s.labels.map { ($0.name, $0.value) }
                let descriptor = MetricNameDescriptor(metricName: f.name, unitName: "", helpText: f.help)
                switch f.kind {
                case .gauge:
                    registry.makeGauge(descriptor: descriptor, labels: labels).set(s.value)
                case .counter:
                    registry.makeCounter(descriptor: descriptor, labels: labels).increment(by: max(0, s.value))
                }
            }
        }
        let text = registry.emitToBuffer()
        return format == .openMetrics ? openMetrics(text, counters: families.filter { $0.kind == .counter }) : text
    }

    /// OpenMetrics differs from 0.0.4 for gauges and counters only in the counter family's name (metadata
    /// names the family without `_total`, samples keep it) and the closing `# EOF`.
    static func openMetrics(_ text: [UInt8], counters: [MetricFamily]) -> [UInt8] {
        var lines = String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            .map(String.init)
        for c in counters where c.name.hasSuffix("_total") {
            let family = String(c.name.dropLast("_total".count))
            for (i, l) in lines.enumerated() {
                for kw in ["# HELP ", "# TYPE "] where l.hasPrefix(kw + c.name + " ") {
                    lines[i] = kw + family + l.dropFirst(kw.count + c.name.count)
                }
            }
        }
        lines.append("# EOF")
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }
}
