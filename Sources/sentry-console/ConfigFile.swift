import Foundation
import Model
import TOMLKit

/// `config.toml`: connections, refresh, queues, thresholds and theme. Every key is optional; flags override
/// it. Unknown keys and wrong types become warnings with their line number; a file that is not TOML is an error.
struct ConfigFile {
    var pg: String?
    var pgTimeoutMs: Int?
    var pgConnectTimeout: Int?
    var redis: String?
    var redisTimeoutMs: Int?
    var redisPasswordFile: String?
    var interval: Double?
    var theme: String?
    var bell: Bool?
    var ascii: Bool?
    var mouse: Bool?
    var queues: [String] = []
    var keyPrefix: String?
    /// kombu `priority_steps` (`queues.priority_steps`).
    var prioritySteps: [Int]?
    var sentryDefaults: Bool?
    var taskbrokerMigration: Int?
    var sentryURL: String?
    var actAs: String?
    var auditLog: String?
    var inspectWorkers: Bool?
    var inspectSerializer: String?
    var inspectTimeout: Double?
    var thresholds = AlertThresholds()
    var sentryIncidents: Bool?
    var exporterListen: String?
    /// `[contexts.NAME]` tables by name, `current_context`, and the one in use once applied (`applyingContext`).
    var contexts: [String: InstallContext] = [:]
    var currentContext: String?
    var context: InstallContext?
    var warnings: [String] = []

    static var thresholdKeys: [(String, WritableKeyPath<AlertThresholds, Double>)] {
        [
            ("backlog_growing_for", \.backlogGrowingFor), ("drain_eta_seconds", \.drainEtaSeconds),
            ("drain_eta_for", \.drainEtaFor), ("oldest_in_flight_seconds", \.oldestInFlightSeconds),
            ("stalled_for", \.stalledFor), ("connections_warn_percent", \.connectionsWarnPercent),
            ("connections_crit_percent", \.connectionsCritPercent), ("hysteresis_percent", \.hysteresisPercent),
            ("idle_in_transaction_seconds", \.idleInTransactionSeconds), ("long_query_seconds", \.longQuerySeconds),
            ("lock_wait_seconds", \.lockWaitSeconds), ("large_table_rows", \.largeTableRows),
            ("seq_scans_per_minute", \.seqScansPerMinute), ("stale_analyze_fraction", \.staleAnalyzeFraction),
            ("stale_analyze_age", \.staleAnalyzeAge), ("replication_lag_seconds", \.replicationLagSeconds),
            ("ingest_stalled_for", \.ingestStalledFor), ("new_issues_per_minute", \.newIssuesPerMinute),
            ("issue_spike_factor", \.issueSpikeFactor), ("issue_spike_min_per_minute", \.issueSpikeMinPerMinute),
            ("worker_offline_for", \.workerOfflineFor), ("no_consumers_for", \.noConsumersFor),
            ("flood_share", \.floodShare), ("flooding_for", \.floodingFor),
        ]
    }

    /// The default location: $XDG_CONFIG_HOME/sentry-console/config.toml (~/.config when unset).
    static var defaultPath: String {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? "") + "/.config")
        return base + "/sentry-console/config.toml"
    }

    /// Loads `path`; a missing default file is no error, a missing explicit one is. `/dev/null` (or any empty
    /// file) means "no config file", as for other Unix tools.
    static func load(path: String?) throws -> ConfigFile {
        if path == "/dev/null" { return ConfigFile() }
        let file = path ?? defaultPath
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            if path != nil { throw ConfigError("cannot read config file \(file)") }
            return ConfigFile()
        }
        var c = try parse(text, name: file)
        if let warning = exposedPassword(path: file, text: text) { c.warnings.append(warning) }
        return c
    }

    /// A warning when a file others can read holds a password (a conninfo `password=`, a URL's `:…@`).
    static func exposedPassword(path: String, text: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & (S_IRGRP | S_IROTH) != 0 else { return nil }
        let holds =
            text.range(of: #"password\s*="#, options: .regularExpression) != nil
            || text.range(of: #"rediss?://[^/\s"]*:[^@/\s"]+@"#, options: .regularExpression) != nil
            || text.range(of: #"postgres(ql)?://[^/\s"]*:[^@/\s"]+@"#, options: .regularExpression) != nil
        guard holds else { return nil }
        return "\(path) is readable by others and holds a password: chmod 600 it, or move the password to "
            + "~/.pgpass / PGPASSFILE and a Redis password file (--redis-password-file)"
    }

    static func parse(_ text: String, name: String) throws -> ConfigFile {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw ConfigError("\(name):\(e.source.begin.line): not valid TOML")
        }
        var c = ConfigFile()
        let known: [String: Set<String>] = [
            "connections": [
                "pg", "pg_timeout_ms", "pg_connect_timeout_s", "redis", "redis_timeout_ms", "redis_password_file",
            ],
            "console": ["interval", "theme", "bell", "ascii", "mouse", "sentry_url"],
            "triage": ["as", "audit_log"],
            "workers": ["inspect", "inspect_serializer", "inspect_timeout"],
            "queues": ["watch", "key_prefix", "priority_steps", "sentry_defaults", "taskbroker_migration"],
            "thresholds": Set(thresholdKeys.map(\.0)),
            "alerts": ["sentry_incidents"],
            "exporter": ["listen"],
        ]
        for key in root.keys where key != "contexts" && key != "current_context" {
            guard let allowed = known[key], let table = root[key]?.table else {
                c.warnings.append("\(name):\(line(of: key, section: nil, in: text)): unknown key `\(key)`")
                continue
            }
            for sub in table.keys where !allowed.contains(sub) {
                c.warnings.append("\(name):\(line(of: sub, section: key, in: text)): unknown key `\(key).\(sub)`")
            }
        }
        func value<T>(_ section: String, _ key: String, _ get: (TOMLValueConvertible) -> T?) -> T? {
            guard let v = root[section]?.table?[key] else { return nil }
            if let t = get(v) { return t }
            c.warnings.append(
                "\(name):\(line(of: key, section: section, in: text)): `\(section).\(key)` has the wrong type")
            return nil
        }
        c.pg = value("connections", "pg") { $0.string }
        c.pgTimeoutMs = value("connections", "pg_timeout_ms") { $0.int }
        c.pgConnectTimeout = value("connections", "pg_connect_timeout_s") { $0.int }
        c.redis = value("connections", "redis") { $0.string }
        c.redisTimeoutMs = value("connections", "redis_timeout_ms") { $0.int }
        c.redisPasswordFile = value("connections", "redis_password_file") { $0.string }
        c.interval = value("console", "interval") { $0.double ?? $0.int.map(Double.init) }
        c.theme = value("console", "theme") { $0.string }
        c.bell = value("console", "bell") { $0.bool }
        c.ascii = value("console", "ascii") { $0.bool }
        c.mouse = value("console", "mouse") { $0.bool }
        c.sentryURL = value("console", "sentry_url") { $0.string }
        c.actAs = value("triage", "as") { $0.string }
        c.auditLog = value("triage", "audit_log") { $0.string }
        c.inspectWorkers = value("workers", "inspect") { $0.bool }
        c.inspectSerializer = value("workers", "inspect_serializer") { $0.string }
        c.inspectTimeout = value("workers", "inspect_timeout") { $0.double ?? $0.int.map(Double.init) }
        c.queues = value("queues", "watch") { v in v.array.map { a in a.compactMap { $0.string } } } ?? []
        c.keyPrefix = value("queues", "key_prefix") { $0.string }
        c.prioritySteps = value("queues", "priority_steps") { v in
            Self.integers(v)
        }
        c.sentryDefaults = value("queues", "sentry_defaults") { $0.bool }
        c.taskbrokerMigration = value("queues", "taskbroker_migration") { $0.int }
        c.sentryIncidents = value("alerts", "sentry_incidents") { $0.bool }
        c.exporterListen = value("exporter", "listen") { $0.string }
        for (key, path) in thresholdKeys {
            if let v = value("thresholds", key, { $0.double ?? $0.int.map(Double.init) }) {
                c.thresholds[keyPath: path] = v
            }
        }
        parseContexts(root, into: &c, name: name, text: text)
        return c
    }

    /// The 1-based line where `key = …` appears (inside `[section]` when given); 1 when not found.
    static func line(of key: String, section: String?, in text: String) -> Int {
        var current: String?
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let l = raw.trimmingCharacters(in: .whitespaces)
            if l.hasPrefix("[") {
                current = l.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                if section == nil && current == key { return i + 1 }
                continue
            }
            if current == section, l.hasPrefix(key),
                l.dropFirst(key.count).trimmingCharacters(in: .whitespaces).hasPrefix("=")
            {
                return i + 1
            }
        }
        return 1
    }
}

extension ConfigFile {
    /// A TOML array of integers (nil when it is not an array or holds anything else).
    static func integers(_ v: TOMLValueConvertible) -> [Int]? {
        v.array.flatMap { a in a.allSatisfy { $0.int != nil } ? a.compactMap(\.int) : nil }
    }
}

struct ConfigError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
