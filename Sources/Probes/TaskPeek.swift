import Foundation
import Model

/// Reads the task name from a kombu envelope without ever unpickling: protocol 2 → `headers.task`;
/// protocol 1 with a JSON body → the body's `task`; pickle or other serializers → "(pickled)"/"(msgpack)"….
public enum TaskPeek {
    /// Envelopes larger than this are not parsed (the name would not be worth the CPU).
    static let maxEnvelope = 1 << 20

    public static func taskName(envelope: [UInt8]) -> String {
        guard envelope.count <= maxEnvelope else { return "(large message)" }
        guard let obj = try? JSONSerialization.jsonObject(with: Data(envelope)) as? [String: Any] else {
            return "(not JSON)"
        }
        if let headers = obj["headers"] as? [String: Any], let task = headers["task"] as? String {
            return TextSanitizer.clean(task, maxLength: 120)
        }
        let contentType = obj["content-type"] as? String ?? ""
        switch contentType {
        case "application/x-python-serialize": return "(pickled)"
        case "application/x-msgpack": return "(msgpack)"
        case "application/x-yaml": return "(yaml)"
        case "application/json": break
        default: return "(unknown format)"
        }
        guard let body = obj["body"] as? String else { return "(no body)" }
        let properties = obj["properties"] as? [String: Any]
        let raw: Data?
        if (properties?["body_encoding"] as? String) == "base64" {
            raw = Data(base64Encoded: body)
        } else {
            raw = body.data(using: .utf8)
        }
        guard let raw, let decoded = try? JSONSerialization.jsonObject(with: raw) as? [String: Any],
            let task = decoded["task"] as? String
        else { return "(unnamed)" }
        return TextSanitizer.clean(task, maxLength: 120)
    }
}
