internal import CZlib
import Foundation
import Model

/// Decodes a `nodestore_node.data` value (base64(zlib(payload)), docs/reference/sentry-schema.md §2.11) into the event's
/// JSON object. Legacy pickled payloads are recognised and refused — never unpickled. Output is capped.
enum NodestoreDecoder {
    static let maxInflated = 4 << 20

    enum Decoded {
        case json([String: Any])
        case legacyPickle
        case invalid(String)
    }

    static func decode(_ text: String) -> Decoded {
        guard let raw = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
            return .invalid("not base64")
        }
        guard let inflated = inflate(raw) else { return .invalid("not zlib") }
        // Subkeys follow the default JSON on later lines; the first line is the event.
        let first = inflated.prefix { $0 != 0x0A }
        guard first.first == UInt8(ascii: "{") else { return .legacyPickle }
        guard let obj = try? JSONSerialization.jsonObject(with: Data(first)) as? [String: Any] else {
            return .invalid("not JSON")
        }
        return .json(obj)
    }

    static func inflate(_ data: Data) -> Data? {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var out = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = [UInt8](data)
        let count = input.count
        return input.withUnsafeMutableBufferPointer { inBuf -> Data? in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { outBuf -> Int32 in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                out.append(contentsOf: chunk[0..<produced])
                if out.count > maxInflated { return nil }
                if status == Z_STREAM_END { return out }
                if status != Z_OK { return nil }
                if produced == 0 && stream.avail_in == 0 { return nil }
            }
        }
    }

    /// The summary fields of an event object; every string sanitized and bounded.
    static func summary(_ obj: [String: Any], time: Double) -> IssueDetail.EventSummary {
        func clean(_ v: Any?, _ max: Int = 200) -> String {
            TextSanitizer.clean(v.map { "\($0)" } ?? "", maxLength: max)
        }
        var type = ""
        var value = ""
        var frames: [String] = []
        let exception = (obj["exception"] as? [String: Any])?["values"] as? [[String: Any]]
        if let last = exception?.last {
            type = clean(last["type"], 120)
            value = clean(last["value"], 300)
            let fs = ((last["stacktrace"] as? [String: Any])?["frames"] as? [[String: Any]]) ?? []
            frames = fs.suffix(6).map { f in
                let fn = clean(f["function"] ?? "?", 80)
                let file = clean(f["filename"] ?? f["module"] ?? "?", 120)
                let line = f["lineno"].map { ":\(clean($0, 8))" } ?? ""
                return "\(fn) (\(file)\(line))"
            }
        } else if let message = obj["message"] ?? (obj["logentry"] as? [String: Any])?["formatted"] {
            value = clean(message, 300)
        }
        var tags: [(String, String)] = []
        if let list = obj["tags"] as? [[Any]] {
            tags = list.prefix(12).compactMap { pair in
                pair.count == 2 ? (clean(pair[0], 40), clean(pair[1], 120)) : nil
            }
        } else if let dict = obj["tags"] as? [String: Any] {
            tags = dict.keys.sorted().prefix(12).map { (clean($0, 40), clean(dict[$0], 120)) }
        }
        return IssueDetail.EventSummary(
            eventId: clean(obj["event_id"], 40), time: time, exceptionType: type, exceptionValue: value, frames: frames,
            tags: tags)
    }
}
