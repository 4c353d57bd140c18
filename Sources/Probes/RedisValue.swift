/// A RESP2 reply as a value (hiredis 0.14 speaks RESP2 only).
public enum RedisValue: Sendable, Equatable {
    case status(String)
    case error(String)
    case integer(Int64)
    case null
    case bulk([UInt8])
    case array([RedisValue])

    var int: Int? {
        switch self {
        case .integer(let i): return Int(i)
        case .bulk(let b): return Int(String(decoding: b, as: UTF8.self))
        default: return nil
        }
    }

    var bytes: [UInt8]? {
        switch self {
        case .bulk(let b): return b
        case .status(let s): return Array(s.utf8)
        default: return nil
        }
    }

    var string: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

    var array: [RedisValue]? {
        if case .array(let a) = self { return a }
        return nil
    }
}
