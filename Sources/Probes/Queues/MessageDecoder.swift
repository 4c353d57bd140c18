import Foundation
import Model

/// Reads a kombu message (the JSON envelope on a Redis list) into a `SampledMessage` without executing
/// anything: protocol 2 (`headers.task`, body `[args, kwargs, embed]`) and protocol 1 (Sentry's: a body dict
/// with `task`, `args`, `kwargs`), JSON or pickle bodies (base64 when `body_encoding` says so). Pickle goes
/// through `PickleCodec.read`, which refuses every opcode that imports or calls: such a message is `.object`.
/// Bounded like the codec: 1 MiB per message, 100,000 values, depth 64.
enum MessageDecoder {
    static func decode(_ envelope: [UInt8]) -> SampledMessage {
        // JSONSerialization's tree is read in place, only the fields used: converting every value of every
        // envelope (dynamic casts on Linux) was most of the console's CPU on a busy broker.
        guard let env = json(envelope) as? [String: Any] else { return SampledMessage(.undecodable) }
        let headerTask = (env["headers"] as? [String: Any])?["task"] as? String
        guard let text = env["body"] as? String else { return SampledMessage(.undecodable, task: clean(headerTask)) }
        let raw: [UInt8]?
        if ((env["properties"] as? [String: Any])?["body_encoding"] as? String) == "base64" {
            raw = Data(base64Encoded: text).map { [UInt8]($0) }
        } else {
            raw = Array(text.utf8)
        }
        guard let raw else { return SampledMessage(.undecodable, task: clean(headerTask)) }
        var task = headerTask
        var kwargs: [String: PlainValue]?
        switch env["content-type"] as? String ?? "" {
        case "application/json":
            guard let body = json(raw) else { return SampledMessage(.undecodable, task: clean(headerTask)) }
            if let d = body as? [String: Any] {
                task = task ?? d["task"] as? String
                kwargs = (d["kwargs"] as? [String: Any]).map(fields)
            } else if let l = body as? [Any], l.count >= 2 {
                kwargs = (l[1] as? [String: Any]).map(fields)
            }
        case "application/x-python-serialize":
            let body: PlainValue
            do {
                body = try PickleCodec.read(raw)
            } catch {
                let object = error.reason.contains("builds Python objects") || error.reason.contains("opcode")
                return SampledMessage(object ? .object : .undecodable, task: clean(headerTask))
            }
            if let d = body.dict {
                task = task ?? d["task"]?.string
                kwargs = d["kwargs"]?.dict
            } else if let l = body.list, l.count >= 2 {
                kwargs = l[1].dict
            }
        default:
            // msgpack, yaml …: the task name is in the headers (protocol 2), the kwargs are not read.
            return SampledMessage(headerTask == nil ? .undecodable : .decoded, task: clean(headerTask))
        }
        var m = SampledMessage(.decoded, task: clean(task))
        if let k = kwargs {
            m.projectId = k["project_id"]?.int.map(Int64.init) ?? k["cache_key"]?.string.flatMap(SampledMessage.project)
            m.groupId = k["group_id"]?.int.map(Int64.init)
            m.startTime = k["start_time"]?.double
        }
        return m
    }

    /// The kwargs attribution reads, as plain values.
    static func fields(_ kwargs: [String: Any]) -> [String: PlainValue] {
        var out: [String: PlainValue] = [:]
        for key in ["project_id", "cache_key", "group_id", "start_time"] {
            if let v = kwargs[key], let plain = PlainValue(jsonObject: v) { out[key] = plain }
        }
        return out
    }

    /// Bounded JSON (1 MiB, nesting 64), or nil.
    static func json(_ bytes: [UInt8]) -> Any? {
        guard bytes.count <= TaskPeek.maxEnvelope, PlainValue.nesting(bytes) <= 64 else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    static func clean(_ task: String?) -> String? { task.map { TextSanitizer.clean($0, maxLength: 120) } }
}
