import Foundation
import Model

/// The shared acknowledgement board: one Redis hash `sentry-console:silences` in the broker db, namespaced to
/// this tool (never a Celery key). Field = alert key, value = JSON `{by, at, until, expires}`. Entries expire
/// by their `expires` time (acknowledgements after `ackTTL`, snoozes at their end); readers ignore expired
/// entries, writers prune them, and the hash itself carries an EXPIRE so an abandoned board vanishes.
/// Written only in write mode.
enum SilenceBoard {
    static let key = "sentry-console:silences"
    /// How long a shared acknowledgement lasts (a short TTL: it must be renewed by a human, not linger).
    static let ackTTL: Double = 3600

    struct Entry: Codable {
        var by: String
        var at: Double
        var until: Double?
        var expires: Double
    }

    /// Live entries of an HGETALL reply, sanitized; malformed or expired fields are skipped.
    static func decode(_ reply: RedisValue, now: Double) -> [String: AlertEngine.Silence] {
        guard let flat = reply.array else { return [:] }
        var out: [String: AlertEngine.Silence] = [:]
        var i = 0
        while i + 1 < flat.count, out.count < 500 {
            defer { i += 2 }
            guard let field = flat[i].bytes, let value = flat[i + 1].bytes,
                let e = try? JSONDecoder().decode(Entry.self, from: Data(value)), e.expires > now
            else { continue }
            let key = TextSanitizer.clean(bytes: field, maxLength: 300)
            out[key] = AlertEngine.Silence(by: TextSanitizer.clean(e.by, maxLength: 80), at: e.at, until: e.until)
        }
        return out
    }

    /// Commands that publish (or, with nil, withdraw) one silence and prune expired entries.
    static func commands(key alertKey: String, silence: AlertEngine.Silence?, current: RedisValue, now: Double)
        -> [[String]]
    {
        var cmds: [[String]] = []
        var maxExpiry = now
        if let flat = current.array {
            var i = 0
            while i + 1 < flat.count {
                if let field = flat[i].bytes, let value = flat[i + 1].bytes {
                    let e = try? JSONDecoder().decode(Entry.self, from: Data(value))
                    if (e?.expires ?? 0) <= now {
                        cmds.append(["HDEL", key, String(decoding: field, as: UTF8.self)])
                    } else {
                        maxExpiry = max(maxExpiry, e!.expires)
                    }
                }
                i += 2
            }
        }
        if let s = silence {
            let expires = s.until ?? (s.at + ackTTL)
            let entry = Entry(by: s.by, at: s.at, until: s.until, expires: expires)
            let json = (try? JSONEncoder().encode(entry)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            cmds.append(["HSET", key, alertKey, json])
            maxExpiry = max(maxExpiry, expires)
        } else {
            cmds.append(["HDEL", key, alertKey])
        }
        cmds.append(["EXPIRE", key, String(max(1, Int((maxExpiry - now).rounded(.up))))])
        return cmds
    }
}
