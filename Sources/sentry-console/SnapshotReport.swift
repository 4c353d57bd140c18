import Foundation
import Model

/// The `snapshot` output: both sources' samples (or errors) and the derived task backend.
/// JSON field names are part of the documented interface (README, "Snapshot JSON").
struct SnapshotReport: Encodable {
    var version = 1
    var takenAt: Double
    var taskBackend: TaskBackend
    var postgres: PostgresSnapshot?
    var redis: RedisSnapshot?
    /// One pidbox round, with `--inspect-workers`.
    var workers: InspectRound?
    /// Backlog attribution per sampled queue (the event pipeline's non-empty queues and `--queue` ones).
    var breakdowns: [String: BreakdownJSON] = [:]
    var errors: [String: ProbeError]

    init(
        postgres: Result<PostgresSnapshot, ProbeError>, redis: Result<RedisSnapshot, ProbeError>,
        taskbrokerMigration: Int
    ) {
        takenAt = Date().timeIntervalSince1970
        self.postgres = try? postgres.get()
        self.redis = try? redis.get()
        errors = [:]
        if case .failure(let e) = postgres { errors["postgres"] = e }
        if case .failure(let e) = redis { errors["redis"] = e }
        taskBackend = TaskBackend.detect(
            redis: self.redis, install: self.postgres?.install, threshold: taskbrokerMigration)
    }

    /// What a console fed a recording up to `at` held: the latest sample of each source (or why it was
    /// missing then), the latest breakdowns with their names.
    init(replayed state: ConsoleState, at: Double) {
        takenAt = at
        postgres = state.postgres.latest
        redis = state.redis.latest
        workers = state.inspection.latest
        errors = [:]
        if let f = state.postgres.failure { errors["postgres"] = f.error }
        if let f = state.redis.failure { errors["redis"] = f.error }
        taskBackend = TaskBackend.detect(
            redis: redis, install: postgres?.install, threshold: state.taskbrokerMigration)
        add(Array(state.breakdowns.values).sorted { $0.queue < $1.queue }, names: state.names)
    }

    var failed: Bool { !errors.isEmpty }

    mutating func add(_ list: [QueueBreakdown], names: EntityNames) {
        for b in list { breakdowns[b.queue] = BreakdownJSON(b, names: names, now: takenAt) }
    }

    mutating func add(_ inspection: Result<InspectRound, ProbeError>?) {
        switch inspection {
        case .success(let r)?: workers = r
        case .failure(let e)?: errors["workers"] = e
        case nil: break
        }
    }

    func json() throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try enc.encode(self), as: UTF8.self)
    }

    func text() -> String {
        var out = ""
        if let p = postgres {
            out += "postgres  \(p.database) (PG \(p.serverVersion)): \(p.total)/\(p.usableConnections) connections"
            out += " — " + p.byState.map { "\($0.name) \($0.count)" }.joined(separator: ", ") + "\n"
            if p.hiddenSessions > 0 {
                out += "  hidden: other roles' sessions (GRANT pg_read_all_stats to this role to see them)\n"
            }
            if let denied = p.install.deniedTables {
                out += "  no SELECT on \(denied.joined(separator: ", ")) (what needs them is skipped)\n"
            }
            if let q = p.longestQuery {
                out += "  longest query \(Format.duration(q.seconds)) pid \(q.pid): \(q.query)\n"
            }
            if let x = p.longestTransaction {
                out += "  longest xact  \(Format.duration(x.seconds)) pid \(x.pid) \(x.state)\n"
            }
            out += "  lock waits \(p.lockWaits.count)\n"
            for t in p.tables { out += "  \(t.name): \(t.inserts) inserts, ~\(t.liveTuples) rows\n" }
        }
        if let r = redis {
            out += "redis     db \(r.db) (\(r.stats.version)): task backend \(taskBackend.rawValue)\n"
            if taskBackend == .celeryRedis {
                out += "  \(r.totalDepth) waiting, \(r.inFlight) in flight\n"
                if let e = r.discoveryRefused {
                    out += "  bindings not listed (SCAN: \(e)): Sentry's queue names and --queue only\n"
                }
                for q in r.queues where q.depth > 0 {
                    out += "  \(q.name): \(q.depth)" + (q.nextTask.map { " next \($0)" } ?? "") + "\n"
                    if let b = breakdowns[q.name] {
                        let projects = b.byProject.prefix(3).map {
                            "\($0.slug ?? "project \($0.projectId)") \($0.count)"
                        }
                        out +=
                            "    sample \(b.sampled) (±\(Format.fixed(b.marginPercent, 1)) %): "
                            + (projects.isEmpty ? "no project" : projects.joined(separator: ", "))
                            + (b.oldestAgeSeconds.map { ", oldest \(Format.duration($0))" } ?? "") + "\n"
                    }
                }
            } else {
                out += "  queue depths unknown (no Celery keys)\n"
            }
        }
        if let w = workers {
            out +=
                "workers   \(w.replies.count) answered \(w.serializer) ping in \(Format.duration(w.timeout)) (\(w.receivers) mailboxes subscribed)\n"
            for r in w.replies {
                out +=
                    "  \(r.name) pid \(r.pid.map(String.init) ?? "?")" + (r.queues.map { " queues \($0.count)" } ?? "")
                    + "\n"
            }
            for p in w.problems { out += "  unreadable reply: \(p)\n" }
        }
        for (source, e) in errors.sorted(by: { $0.key < $1.key }) { out += "\(source): UNREACHABLE — \(e)\n" }
        return out
    }
}
