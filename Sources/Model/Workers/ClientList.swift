/// Parses `CLIENT LIST` (one `key=value …` line per connection) into per-address consumer figures for one db.
/// Connections named `sentry-console*` (this console's own) are never counted.
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

    static func parse(line: Substring) -> Client? {
        var fields: [Substring: Substring] = [:]
        for part in line.split(separator: " ") {
            if let eq = part.firstIndex(of: "=") { fields[part[..<eq]] = part[part.index(after: eq)...] }
        }
        guard let addr = fields["addr"] else { return nil }
        // "1.2.3.4:5678", "[::1]:5678" or "/run/redis.sock:0": the host without the port; Unix sockets are "local".
        let host: String
        if addr.hasPrefix("/") {
            host = "local"
        } else {
            let h = addr[..<(addr.lastIndex(of: ":") ?? addr.endIndex)]
            host = TextSanitizer.clean(String(h.trimmingPrefix("[").prefix { $0 != "]" }), maxLength: 64)
        }
        return Client(
            host: host, name: fields["name"] ?? "", db: fields["db"].flatMap { Int($0) }, cmd: fields["cmd"] ?? "",
            blocked: fields["flags"]?.contains("b") == true, idle: fields["idle"].flatMap { Int($0) } ?? 0,
            subscriptions: (fields["sub"].flatMap { Int($0) } ?? 0) + (fields["psub"].flatMap { Int($0) } ?? 0))
    }

    /// Per-address figures for connections on `db`, most consumers first, then by address.
    public static func hosts(_ text: String, db: Int) -> [ConsumerHost] {
        var hosts: [String: ConsumerHost] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
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
