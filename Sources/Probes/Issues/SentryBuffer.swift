internal import CCrypto
import Model

/// Sentry's Redis buffer of pending counter increments (docs/reference/sentry-schema.md §6.7): each issue with
/// events not yet flushed to Postgres has a hash `b:k:sentry.group:<md5>` whose `i+times_seen` field is the
/// increment waiting for the next flush (every ~10 s). `times_seen` + that field is the count Sentry's own UI
/// shows (`times_seen_with_pending`). Read-only: HGET, bounded by the rows asked for.
enum SentryBuffer {
    /// The field that holds an issue's pending `times_seen` increment.
    static let timesSeenField = "i+times_seen"
    /// At most this many issues are read per call (one pipelined HGET each).
    static let maxIds = 500

    /// The buffer key of issue `id`: `b:k:sentry.group:` + md5 of `id=b'<id>'` (the filter value is a Python
    /// bytes object formatted with repr, an artefact of `RedisBuffer._make_key`). Nil if MD5 is unavailable
    /// (an OpenSSL in FIPS mode refuses it): then pending counts are unknown, never zero.
    static func groupKey(_ id: Int64) -> String? {
        md5Hex(Array("id=b'\(id)'".utf8)).map { "b:k:sentry.group:" + $0 }
    }

    /// Lowercase hex MD5 of `bytes`, by libcrypto's EVP interface; nil if the digest is refused.
    static func md5Hex(_ bytes: [UInt8]) -> String? {
        var digest = [UInt8](repeating: 0, count: 16)
        var length: UInt32 = 0
        guard let md = EVP_md5() else { return nil }
        let ok = bytes.withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &digest, &length, md, nil)
        }
        guard ok == 1, length == 16 else { return nil }
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(32)
        for b in digest {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Pending `times_seen` increments of `ids` (the first `maxIds`), one pipeline: 0 where nothing is pending,
    /// absent where the reply was not a count (another type at that key). Nil when keys cannot be derived.
    static func pendingTimesSeen(_ conn: RedisConnection, ids: [Int64]) throws(ProbeError) -> [Int64: Int64]? {
        let asked = Array(ids.prefix(maxIds))
        guard !asked.isEmpty else { return [:] }
        var keys: [String] = []
        for id in asked {
            guard let k = groupKey(id) else { return nil }
            keys.append(k)
        }
        let field = Array(timesSeenField.utf8)
        let replies = try conn.pipeline(keys.map { [Array("HGET".utf8), Array($0.utf8), field] })
        var out: [Int64: Int64] = [:]
        for (id, reply) in zip(asked, replies) {
            switch reply {
            case .null: out[id] = 0
            case .bulk, .integer:
                if let n = reply.int, n >= 0 { out[id] = Int64(n) }
            default: continue  // WRONGTYPE and the like: unknown for this issue
            }
        }
        return out
    }
}
