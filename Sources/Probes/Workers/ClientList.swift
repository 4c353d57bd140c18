import Model

/// Parses `CLIENT LIST` (one `key=value …` line per connection) into per-address consumer figures for one db.
/// Connections named `sentry-console*` (this console's own) are never counted. Works on UTF-8 bytes (no
/// grapheme breaking): at thousands of clients this parse is a visible part of the console's CPU.
public enum ClientList {
    /// One connection's fields that matter here.
    struct Client {
        var host: String
        var name: Substring
        var db: Int?
        var cmd: Substring
        var blocked: Bool
        var idle: Int
        var subscriptions: Int
    }

    static let blockingCommands: Set<Substring> = ["brpop", "blpop", "brpoplpush", "blmove", "bzpopmin", "bzpopmax"]

    static func parse(line: Substring.UTF8View) -> Client? {
        var addr: Substring?
        var c = Client(host: "", name: "", db: nil, cmd: "", blocked: false, idle: 0, subscriptions: 0)
        for part in line.split(separator: UInt8(ascii: " ")) {
            guard let eq = part.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let value = Substring(part[part.index(after: eq)...])
            switch Substring(part[..<eq]) {
            case "addr": addr = value
            case "name": c.name = value
            case "db": c.db = Int(value)
            case "cmd": c.cmd = value
            case "flags": c.blocked = value.utf8.contains(UInt8(ascii: "b"))
            case "idle": c.idle = Int(value) ?? 0
            case "sub", "psub": c.subscriptions += Int(value) ?? 0
            default: continue
            }
        }
        guard let addr else { return nil }
        // "1.2.3.4:5678", "[::1]:5678" or "/run/redis.sock:0": the host without the port; Unix sockets are "local".
        if addr.hasPrefix("/") {
            c.host = "local"
        } else {
            let h = addr[..<(addr.lastIndex(of: ":") ?? addr.endIndex)]
            c.host = TextSanitizer.clean(String(h.trimmingPrefix("[").prefix { $0 != "]" }), maxLength: 64)
        }
        return c
    }

    /// Per-address figures for connections on `db`, most consumers first, then by address.
    public static func hosts(_ text: String, db: Int) -> [ConsumerHost] {
        var hosts: [String: ConsumerHost] = [:]
        for raw in text.utf8.split(separator: UInt8(ascii: "\n")) {
            let line = raw.last == UInt8(ascii: "\r") ? raw.dropLast() : raw
            guard let c = parse(line: line), c.db == db, !c.name.hasPrefix("sentry-console") else { continue }
            var h = hosts[c.host] ?? ConsumerHost(address: c.host)
            if c.subscriptions > 0 {
                h.subscribers += 1
            } else if blockingCommands.contains(c.cmd) && c.blocked {
                h.waiting += 1
            } else if blockingCommands.contains(c.cmd) && c.idle >= ConsumerHost.notPollingAfter {
                h.notPolling += 1
                h.longestNotPolling = max(h.longestNotPolling ?? 0, c.idle)
            } else if blockingCommands.contains(c.cmd) {
                h.busy += 1
            } else {
                h.other += 1
            }
            hosts[c.host] = h
        }
        return hosts.values.sorted {
            ($0.consumers, $1.address) > ($1.consumers, $0.address)
        }
    }

    /// Clients blocked in a blocking pop on `db`, by host (the idle consumers), most first.
    public static func waitingConsumers(_ text: String, db: Int) -> [NamedCount] {
        waitingConsumers(hosts(text, db: db))
    }

    /// The idle consumers of already parsed hosts, most first.
    public static func waitingConsumers(_ hosts: [ConsumerHost]) -> [NamedCount] {
        hosts.filter { $0.waiting > 0 }.map { NamedCount(name: $0.address, count: $0.waiting) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name
        }
    }
}
