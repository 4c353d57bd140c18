import Foundation
import Model

/// Reads a kombu message (the JSON envelope on a Redis list) into a `SampledMessage` without executing
/// anything: protocol 2 (`headers.task`, body `[args, kwargs, embed]`) and protocol 1 (Sentry's: a body dict
/// with `task`, `args`, `kwargs`), JSON or pickle bodies (base64 when `body_encoding` says so). Pickle goes
/// through `PickleCodec.read`, which refuses every opcode that imports or calls: such a message is `.object`.
/// Bounded like the codec: 1 MiB per message, 100,000 values, depth 64.
enum MessageDecoder {
    static func decode(_ envelope: [UInt8]) -> SampledMessage {
        guard envelope.count <= TaskPeek.maxEnvelope, let env = PlainValue.parse(json: envelope)?.dict else {
            return SampledMessage(.undecodable)
        }
        let headerTask = env["headers"]?["task"]?.string
        guard let text = env["body"]?.string else { return SampledMessage(.undecodable, task: clean(headerTask)) }
        let raw: [UInt8]?
        if env["properties"]?["body_encoding"]?.string == "base64" {
            raw = Data(base64Encoded: text).map { [UInt8]($0) }
        } else {
            raw = Array(text.utf8)
        }
        guard let raw else { return SampledMessage(.undecodable, task: clean(headerTask)) }
        let body: PlainValue
        switch env["content-type"]?.string ?? "" {
        case "application/json":
            guard let v = PlainValue.parse(json: raw) else {
                return SampledMessage(.undecodable, task: clean(headerTask))
            }
            body = v
        case "application/x-python-serialize":
            do {
                body = try PickleCodec.read(raw)
            } catch {
                let object = error.reason.contains("builds Python objects") || error.reason.contains("opcode")
                return SampledMessage(object ? .object : .undecodable, task: clean(headerTask))
            }
        default:
            // msgpack, yaml …: the task name is in the headers (protocol 2), the kwargs are not read.
            return SampledMessage(headerTask == nil ? .undecodable : .decoded, task: clean(headerTask))
        }
        var task = headerTask
        let kwargs: [String: PlainValue]?
        if let d = body.dict {
            task = task ?? d["task"]?.string
            kwargs = d["kwargs"]?.dict
        } else if let l = body.list, l.count >= 2 {
            kwargs = l[1].dict
        } else {
            kwargs = nil
        }
        var m = SampledMessage(.decoded, task: clean(task))
        if let k = kwargs {
            m.projectId = k["project_id"]?.int.map(Int64.init) ?? k["cache_key"]?.string.flatMap(SampledMessage.project)
            m.groupId = k["group_id"]?.int.map(Int64.init)
            m.startTime = k["start_time"]?.double
        }
        return m
    }

    static func clean(_ task: String?) -> String? { task.map { TextSanitizer.clean($0, maxLength: 120) } }
}
