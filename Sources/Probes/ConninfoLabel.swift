internal import CPostgres
import Foundation
import Model

/// A display label for a libpq conninfo/URI — `user@host:port/db` — parsed by libpq itself, with libpq's
/// environment defaults filled in. Never includes the password.
public enum ConninfoLabel {
    public static func describe(_ conninfo: String?) -> String {
        var values: [String: String] = [:]
        var err: UnsafeMutablePointer<CChar>?
        // PQconninfoParse with an empty string still reports nothing; use PQconndefaults for the env defaults.
        if let defaults = PQconndefaults() {
            collect(defaults, into: &values)
            PQconninfoFree(defaults)
        }
        if let conninfo, !conninfo.isEmpty, let opts = PQconninfoParse(conninfo, &err) {
            collect(opts, into: &values)
            PQconninfoFree(opts)
        }
        if let err { PQfreemem(err) }
        let host = values["host"].map { $0.hasPrefix("/") ? "local" : $0 } ?? "local"
        let port = values["port"].map { $0 == "5432" ? "" : ":\($0)" } ?? ""
        let db = values["dbname"] ?? values["user"] ?? ""
        let user = values["user"].map { "\($0)@" } ?? ""
        return TextSanitizer.clean("\(user)\(host)\(port)/\(db)", maxLength: 80)
    }

    private static func collect(_ opts: UnsafeMutablePointer<PQconninfoOption>, into values: inout [String: String]) {
        var p = opts
        while let key = p.pointee.keyword {
            let k = String(cString: key)
            if k != "password", let v = p.pointee.val, v.pointee != 0 { values[k] = String(cString: v) }
            p += 1
        }
    }
}
