import Model

/// Parses the reply of `INFO` (default sections; `# Section` headers and `key:value` lines, CRLF-terminated)
/// into the few figures the console shows. Works on UTF-8 bytes: splitting ~150 lines by grapheme every
/// refresh was a sixth of the console's CPU.
public enum RedisInfo {
    public static func stats(_ info: String) -> RedisStats {
        var s = RedisStats()
        for line in info.utf8.split(separator: UInt8(ascii: "\n")) {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            var value = Substring(line[line.index(after: colon)...])
            if value.last == "\r" { value = value.dropLast() }
            switch Substring(line[..<colon]) {
            case "redis_version": s.version = TextSanitizer.clean(String(value), maxLength: 32)
            case "run_id": s.runId = TextSanitizer.clean(String(value), maxLength: 64)
            case "uptime_in_seconds": s.uptimeSeconds = Int(value) ?? 0
            case "used_memory": s.usedMemory = Int64(value) ?? 0
            case "maxmemory": s.maxMemory = Int64(value) ?? 0
            case "connected_clients": s.connectedClients = Int(value) ?? 0
            case "blocked_clients": s.blockedClients = Int(value)
            case "total_commands_processed": s.totalCommands = Int64(value) ?? 0
            case "instantaneous_ops_per_sec": s.instantaneousOps = Int(value) ?? 0
            default: continue
            }
        }
        return s
    }
}
