/// OpenMetrics text with a timestamp on every sample, for `promtool tsdb create-blocks-from openmetrics`:
/// each family once (TYPE and HELP, then all its samples, series by series, oldest first), counters' metadata
/// named without `_total`, label values escaped, `# EOF` at the end. Pure.
public enum Backfill {
    /// Renders `samples` (the families at each time, as the exporter would have served them then).
    public static func render(_ samples: [(time: Double, families: [MetricFamily])]) -> String {
        var order: [String] = []
        var meta: [String: MetricFamily] = [:]
        var series: [String: [String: [(Double, Double)]]] = [:]
        var seriesOrder: [String: [String]] = [:]
        for (time, families) in samples {
            for f in families {
                if meta[f.name] == nil {
                    meta[f.name] = f
                    order.append(f.name)
                }
                for s in f.samples {
                    let labels = s.labels.map { "\($0.name)=\"\(escape($0.value))\"" }.joined(separator: ",")
                    let key = labels.isEmpty ? f.name : "\(f.name){\(labels)}"
                    if series[f.name, default: [:]][key] == nil { seriesOrder[f.name, default: []].append(key) }
                    series[f.name, default: [:]][key, default: []].append((time, s.value))
                }
            }
        }
        var out = ""
        for name in order {
            guard let f = meta[name] else { continue }
            let family = f.kind == .counter && name.hasSuffix("_total") ? String(name.dropLast(6)) : name
            out += "# TYPE \(family) \(f.kind.rawValue)\n# HELP \(family) \(escapeHelp(f.help))\n"
            for key in seriesOrder[name] ?? [] {
                for (t, v) in series[name]?[key] ?? [] { out += "\(key) \(number(v)) \(number(t))\n" }
            }
        }
        return out + "# EOF\n"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    static func escapeHelp(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func number(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
