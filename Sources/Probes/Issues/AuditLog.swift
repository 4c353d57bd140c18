import Foundation
import Model

/// Append-only JSON-lines record of every write: one `begin` line before the transactions and one `end` line
/// with each target's result. Opened (and created 0600) when write mode starts — if it cannot be opened,
/// write mode does not start. Writes are appended with O_APPEND and flushed with fsync.
public final class AuditLog: @unchecked Sendable {
    // Invariant: `fd` is only used with `lock` held.
    private let lock = NSLock()
    private let fd: Int32
    public let path: String

    /// `$XDG_STATE_HOME/sentry-console/audit.jsonl` (default `~/.local/state/…`).
    public static var defaultPath: String {
        let env = ProcessInfo.processInfo.environment
        let base =
            env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (env["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return base + "/sentry-console/audit.jsonl"
    }

    public init(path: String) throws(ProbeError) {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw ProbeError(.config, "cannot open audit log \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(fd) }

    public struct Entry: Sendable {
        public var phase: String
        public var install: String
        public var actor: SentryUser
        public var action: TriageAction
        public var targets: [TriageTarget]
        public var outcomes: [TriageOutcome]?

        public init(
            phase: String, install: String, actor: SentryUser, action: TriageAction, targets: [TriageTarget],
            outcomes: [TriageOutcome]? = nil
        ) {
            self.phase = phase
            self.install = install
            self.actor = actor
            self.action = action
            self.targets = targets
            self.outcomes = outcomes
        }
    }

    /// Appends one line; returns an error message instead of throwing so the UI can show it.
    @discardableResult
    public func append(_ e: Entry, now: Date = Date()) -> String? {
        var items: [[String: Any]] = []
        for (i, t) in e.targets.enumerated() {
            var item: [String: Any] = ["id": t.id, "short_id": t.displayId, "expected": t.expected.name]
            if let o = e.outcomes?[safe: i] {
                item["result"] = o.word
                switch o {
                case .skipped(let why), .failed(let why): item["reason"] = why
                case .applied: break
                }
            }
            items.append(item)
        }
        return appendLine(
            [
                "phase": e.phase, "action": e.action.kind, "label": e.action.label, "count": e.targets.count,
                "targets": items,
            ], install: e.install, actor: e.actor, now: now)
    }

    /// Writes one JSON object as a line (O_APPEND, fsync), with the fields every line has: time, install,
    /// OS user and Sentry user. Returns an error message instead of throwing.
    func appendLine(_ fields: [String: Any], install: String, actor: SentryUser, now: Date) -> String? {
        var record = fields
        record["time"] = ISO8601DateFormatter().string(from: now)
        record["install"] = install
        record["os_user"] = Self.osUser
        record["sentry_user"] = ["id": actor.id, "email": actor.email]
        guard
            var data = try? JSONSerialization.data(
                withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "audit encode failed" }
        data.append(0x0A)
        lock.lock()
        defer { lock.unlock() }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { return "audit log write failed: \(String(cString: strerror(errno)))" }
        fsync(fd)
        return nil
    }
}

extension AuditLog {
    /// Appends one line for a shared alert acknowledgement, snooze or its withdrawal (nil).
    @discardableResult
    public func appendSilence(
        key: String, _ silence: AlertEngine.Silence?, install: String, actor: SentryUser, now: Date = Date()
    ) -> String? {
        var fields: [String: Any] = [
            "phase": "end", "alert": key,
            "action": silence == nil ? "unsilence" : (silence?.until == nil ? "acknowledge" : "snooze"),
        ]
        if let until = silence?.until {
            fields["until"] = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: until))
        }
        return appendLine(fields, install: install, actor: actor, now: now)
    }

    /// The login name of the process owner (from the password database, not the environment).
    public static var osUser: String {
        guard let pw = getpwuid(getuid()), let name = pw.pointee.pw_name else { return String(getuid()) }
        return String(cString: name)
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
