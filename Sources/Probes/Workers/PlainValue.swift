import Foundation

/// A plain data value read from JSON or from a restricted pickle: nothing here can name code. Dictionary keys
/// that are not strings are kept as their text.
enum PlainValue: Equatable, Sendable {
    case none
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case list([PlainValue])
    case dict([String: PlainValue])

    subscript(key: String) -> PlainValue? {
        if case .dict(let d) = self { return d[key] }
        return nil
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var int: Int? {
        switch self {
        case .int(let i): return Int(exactly: i)
        case .float(let f) where f.isFinite && abs(f) < 1e15: return Int(f)
        case .string(let s): return Int(s)
        default: return nil
        }
    }

    var double: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let f): return f.isFinite ? f : nil
        default: return nil
        }
    }

    var list: [PlainValue]? {
        if case .list(let l) = self { return l }
        return nil
    }

    var dict: [String: PlainValue]? {
        if case .dict(let d) = self { return d }
        return nil
    }

    /// The text of a scalar used as a dictionary key.
    var keyText: String {
        switch self {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let f): return String(f)
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .list, .dict: return "(container)"
        }
    }

    /// Parses JSON text; nil when it is not JSON or nests deeper than 64 (checked before parsing, so hostile
    /// input cannot exhaust the stack).
    static func parse(json: [UInt8]) -> PlainValue? {
        guard json.count <= 1 << 20, nesting(json) <= 64 else { return nil }
        // Heartbeats and pidbox replies: few per refresh. Backlog attribution, which decodes up to 1,200
        // envelopes every 10 s, reads JSONSerialization's tree directly (`MessageDecoder`).
        return try? JSONDecoder().decode(PlainValue.self, from: Data(json))
    }

    /// A value from `JSONSerialization`'s output (NSNull, String, NSNumber, arrays, string-keyed dictionaries).
    init?(jsonObject o: Any) {
        switch o {
        case is NSNull: self = .none
        case let s as String: self = .string(s)
        case let n as NSNumber:
            switch String(cString: n.objCType) {
            case "c", "B": self = .bool(n.boolValue)
            case "d", "f": self = .float(n.doubleValue)
            case "Q" where n.uint64Value > UInt64(Int64.max): self = .float(n.doubleValue)
            default: self = .int(n.int64Value)
            }
        case let a as [Any]:
            var out: [PlainValue] = []
            out.reserveCapacity(a.count)
            for element in a {
                guard let v = PlainValue(jsonObject: element) else { return nil }
                out.append(v)
            }
            self = .list(out)
        case let d as [String: Any]:
            var out: [String: PlainValue] = [:]
            out.reserveCapacity(d.count)
            for (k, element) in d {
                guard let v = PlainValue(jsonObject: element) else { return nil }
                out[k] = v
            }
            self = .dict(out)
        default: return nil
        }
    }

    /// The deepest `[`/`{` nesting outside strings.
    static func nesting(_ json: [UInt8]) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for b in json {
            if inString {
                if escaped {
                    escaped = false
                } else if b == UInt8(ascii: "\\") {
                    escaped = true
                } else if b == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }
}

extension PlainValue: Decodable {
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .none
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .float(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let l = try? c.decode([PlainValue].self) {
            self = .list(l)
        } else {
            self = .dict(try c.decode([String: PlainValue].self))
        }
    }
}
