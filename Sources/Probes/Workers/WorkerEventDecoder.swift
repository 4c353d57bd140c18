import Foundation
import Model

/// Reads `worker-online` / `worker-heartbeat` / `worker-offline` from a celeryev pub/sub payload (a kombu
/// envelope whose body is base64 JSON: a dict, or a list of dicts). Other event types are ignored.
enum WorkerEventDecoder {
    static func heartbeats(payload: [UInt8], receivedAt: Double) -> [WorkerHeartbeat] {
        guard payload.count <= 1 << 20, let env = PlainValue.parse(json: payload), let bodyText = env["body"]?.string
        else { return [] }
        let encoded = env["properties"]?["body_encoding"]?.string == "base64"
        guard env["content-type"]?.string == "application/json",
            let body = encoded ? Data(base64Encoded: bodyText).map(Array.init) : Array(bodyText.utf8),
            let value = PlainValue.parse(json: body)
        else { return [] }
        let events = value.list ?? [value]
        return events.prefix(100).compactMap { decode($0, receivedAt: receivedAt) }
    }

    static func decode(_ e: PlainValue, receivedAt: Double) -> WorkerHeartbeat? {
        let kind: WorkerHeartbeat.Kind
        switch e["type"]?.string {
        case "worker-online": kind = .online
        case "worker-heartbeat": kind = .heartbeat
        case "worker-offline": kind = .offline
        default: return nil
        }
        guard let host = e["hostname"]?.string, !host.isEmpty else { return nil }
        let software = [e["sw_ident"]?.string, e["sw_ver"]?.string].compactMap { $0 }.joined(separator: " ")
        return WorkerHeartbeat(
            hostname: TextSanitizer.clean(host, maxLength: 120), kind: kind, pid: e["pid"]?.int,
            freq: e["freq"]?.double ?? 2, active: e["active"]?.int, processed: e["processed"]?.int,
            loadavg: e["loadavg"]?.list?.prefix(3).compactMap(\.double),
            software: software.isEmpty ? nil : TextSanitizer.clean(software, maxLength: 40),
            sentAt: e["timestamp"]?.double, receivedAt: receivedAt)
    }
}
