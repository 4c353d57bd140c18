internal import CPostgres
import Foundation

/// Removes a connection's password from any text before it is shown or logged.
struct SecretScrubber: Sendable {
    let secrets: [String]

    init(secrets: [String]) { self.secrets = secrets.filter { $0.count >= 1 } }

    /// Extracts the password of a libpq conninfo string or URI (parsed by libpq itself).
    init(conninfo: String?) {
        var found: [String] = []
        if let conninfo, !conninfo.isEmpty {
            var err: UnsafeMutablePointer<CChar>?
            if let opts = PQconninfoParse(conninfo, &err) {
                var p = opts
                while let key = p.pointee.keyword {
                    if String(cString: key) == "password", let v = p.pointee.val { found.append(String(cString: v)) }
                    p += 1
                }
                PQconninfoFree(opts)
            }
            if let err { PQfreemem(err) }
        }
        if let env = ProcessInfo.processInfo.environment["PGPASSWORD"] { found.append(env) }
        self.init(secrets: found)
    }

    func scrub(_ text: String) -> String {
        var out = text
        for s in secrets where !s.isEmpty { out = out.replacingOccurrences(of: s, with: "****") }
        return out
    }
}
