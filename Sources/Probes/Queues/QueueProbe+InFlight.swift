import Foundation
import Model

/// In-flight messages attributed to their queue: read only, two small round trips every few samples.
extension QueueProbe {
    /// The oldest `InFlightGroup.sampleSize` entries of `unacked_index` and their `unacked` values
    /// (`[envelope, exchange, routing_key]`), grouped by routing key. Read only: ZRANGE then HMGET.
    mutating func inFlightByRoutingKey(_ conn: RedisConnection, now: Double) throws(ProbeError) -> [InFlightGroup] {
        let p = configuration.keyPrefix
        let z = try conn.command("ZRANGE", p + "unacked_index", "0", String(InFlightGroup.sampleSize - 1), "WITHSCORES")
        commandsSent += 1
        guard let flat = z.array, flat.count >= 2 else { return [] }
        var tags: [[UInt8]] = []
        var scores: [Double] = []
        for i in stride(from: 0, to: flat.count - 1, by: 2) {
            guard let tag = flat[i].bytes else { continue }
            tags.append(tag)
            scores.append(flat[i + 1].string.flatMap(Double.init) ?? now)
        }
        let values = try conn.pipeline([[Array("HMGET".utf8), Array((p + "unacked").utf8)] + tags])
        commandsSent += 1
        var groups: [String: InFlightGroup] = [:]
        for (value, score) in zip(values.first?.array ?? [], scores) {
            let key = value.bytes.flatMap(Self.routingKey(ofUnacked:)) ?? "(unknown)"
            var g = groups[key] ?? InFlightGroup(routingKey: key, count: 0, oldestSeconds: 0)
            g.count += 1
            g.oldestSeconds = max(g.oldestSeconds, max(0, now - score))
            groups[key] = g
        }
        return groups.values.sorted { ($0.count, $1.routingKey) > ($1.count, $0.routingKey) }
    }

    /// Element [2] of an `unacked` value `[envelope, exchange, routing_key]`, sanitized; nil if unreadable.
    static func routingKey(ofUnacked value: [UInt8]) -> String? {
        guard value.count <= TaskPeek.maxEnvelope,
            let a = try? JSONSerialization.jsonObject(with: Data(value)) as? [Any], a.count >= 3,
            let rk = a[2] as? String
        else { return nil }
        return TextSanitizer.clean(rk, maxLength: 200)
    }
}
