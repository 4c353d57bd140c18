import Foundation
import Model

/// Where Redis is: `redis://[[user]:password@]host[:port][/db]` or `unix://[[user]:password@]/path?db=N`.
/// `description` never contains the password.
public struct RedisEndpoint: Sendable, Equatable, CustomStringConvertible {
    public enum Address: Sendable, Equatable {
        case tcp(host: String, port: Int)
        case unix(path: String)
    }

    public var address: Address
    public var db: Int
    public var username: String?
    public var password: String?

    public init(address: Address, db: Int = 0, username: String? = nil, password: String? = nil) {
        self.address = address
        self.db = db
        self.username = username
        self.password = password
    }

    public static let `default` = RedisEndpoint(address: .tcp(host: "127.0.0.1", port: 6379))

    /// Parses a Redis URL; TLS (`rediss://`) is refused because Debian 12's hiredis 0.14 has no TLS.
    public static func parse(_ url: String) throws(ProbeError) -> RedisEndpoint {
        let lower = url.lowercased()
        if lower.hasPrefix("rediss://") {
            throw ProbeError(.config, "rediss:// (TLS) is not supported by hiredis 0.14; use an stunnel or SSH tunnel")
        }
        let isUnix = lower.hasPrefix("unix://")
        guard isUnix || lower.hasPrefix("redis://") else {
            throw ProbeError(.config, "Redis URL must start with redis:// or unix://")
        }
        var rest = String(url.dropFirst(isUnix ? 7 : 8))
        var query: [String: String] = [:]
        if let q = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: q)...].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                query[String(kv[0])] = kv.count > 1 ? decode(String(kv[1])) : ""
            }
            rest = String(rest[..<q])
        }
        var username: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let creds = rest[..<at]
            rest = String(rest[rest.index(after: at)...])
            if let colon = creds.firstIndex(of: ":") {
                let u = decode(String(creds[..<colon]))
                username = u.isEmpty ? nil : u
                password = decode(String(creds[creds.index(after: colon)...]))
            } else {
                password = decode(String(creds))
            }
            if password == "" { password = nil }
        }
        if let p = query["password"] { password = p }
        var db = 0
        let address: Address
        if isUnix {
            guard rest.hasPrefix("/") else { throw ProbeError(.config, "unix:// URL needs an absolute socket path") }
            address = .unix(path: rest)
        } else {
            var hostPort = rest
            if let slash = rest.firstIndex(of: "/") {
                hostPort = String(rest[..<slash])
                let dbText = rest[rest.index(after: slash)...]
                if !dbText.isEmpty {
                    guard let d = Int(dbText), d >= 0 else { throw ProbeError(.config, "Redis db must be a number") }
                    db = d
                }
            }
            var host = hostPort
            var port = 6379
            if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {  // [::1]:6379
                host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
                let after = hostPort[hostPort.index(after: close)...]
                if after.hasPrefix(":") {
                    guard let p = Int(after.dropFirst()) else { throw ProbeError(.config, "bad Redis port") }
                    port = p
                }
            } else if let colon = hostPort.lastIndex(of: ":") {
                host = String(hostPort[..<colon])
                guard let p = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(p) else {
                    throw ProbeError(.config, "bad Redis port")
                }
                port = p
            }
            address = .tcp(host: host.isEmpty ? "127.0.0.1" : host, port: port)
        }
        if let d = query["db"] {
            guard let n = Int(d), n >= 0 else { throw ProbeError(.config, "Redis db must be a number") }
            db = n
        }
        return RedisEndpoint(address: address, db: db, username: username, password: password)
    }

    private static func decode(_ s: String) -> String { s.removingPercentEncoding ?? s }

    public var description: String {
        switch address {
        case .tcp(let host, let port):
            return "redis://\(host.contains(":") ? "[\(host)]" : host):\(port)/\(db)"
        case .unix(let path):
            return "unix://\(path)?db=\(db)"
        }
    }
}
