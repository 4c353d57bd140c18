import Dispatch
import Model

/// The figures read from `pg_stat_activity` (one statement, `DatabaseProbe.activitySQL`): its cost is O(backend
/// slots) — ~10 ms at 2,000 backends — so on big servers it is not read every refresh. `due` keeps its amortized
/// server time near `budgetMs` per refresh; between reads the last reading is carried, its ages advanced.
struct ActivityReading {
    var total = 0
    var byState: [NamedCount] = []
    var byApplication: [NamedCount] = []
    var byClient: [NamedCount] = []
    var byUser: [NamedCount] = []
    var longestQuery: BackendInfo?
    var longestTransaction: BackendInfo?
    var longestIdle: BackendInfo?
    var lockWaits: [LockWait] = []
    var byClientAddress: [ClientConnections] = []
    /// Standbys (`pg_stat_replication` scans the same backend slots).
    var replicas: [ReplicaLag] = []
    /// Server time of the read, what it cost (wall ms, an upper bound of the server's), refreshes since.
    var at: Double = 0
    var costMs: Double = 0
    var skipped = 0

    /// Server time per refresh this read may cost, amortized.
    static let budgetMs = 2.5
    /// Never carried for more than this many refreshes.
    static let maxSkipped = 14

    /// Below this many backends the scan is read every refresh whatever it cost (a slow one on a small server is
    /// load, not size: its figures stay live).
    static let minBackends = 200

    /// Whether the next sample should read again: every refresh while cheap or small; every ⌈cost / budget⌉
    /// refreshes when not (at most every 15th).
    var due: Bool {
        total < Self.minBackends || Double(skipped + 1) * Self.budgetMs >= costMs || skipped >= Self.maxSkipped
    }

    /// Reads `pg_stat_activity` now (server time `now`).
    static func read(_ conn: PostgresConnection, now: Double) throws(ProbeError) -> ActivityReading {
        var r = ActivityReading(at: now)
        var byState: [String: Int] = [:]
        var byApp: [String: Int] = [:]
        var byUser: [String: Int] = [:]
        var perAddress: [String: (total: Int, active: Int, idleTx: Int, apps: [String: Int])] = [:]
        let started = DispatchTime.now().uptimeNanoseconds
        let rows = try conn.query(
            DatabaseProbe.activitySQL, [String(DatabaseProbe.queryChars), String(DatabaseProbe.maxLockWaits)])
        r.replicas = try conn.query(DatabaseProbe.replicationSQL).map {
            ReplicaLag(
                name: DatabaseProbe.clean($0[0]), state: DatabaseProbe.clean($0[1]),
                replayLagSeconds: $0[2].flatMap(Double.init))
        }
        r.costMs = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        for row in rows where row.count == 8 {
            let number = try required(row.double(2), "pg_stat_activity \(row.text(0) ?? "?") figure")
            switch row[0] {
            case "group":
                let n = Int(number)
                let (state, app, addr, user) = (
                    DatabaseProbe.clean(row[3]),
                    DatabaseProbe.clean(row[4]).isEmpty ? "(none)" : DatabaseProbe.clean(row[4]),
                    DatabaseProbe.clean(row[5]), DatabaseProbe.clean(row[6])
                )
                r.total += n
                byState[state, default: 0] += n
                byApp[app, default: 0] += n
                byUser[user, default: 0] += n
                var a = perAddress[addr] ?? (0, 0, 0, [:])
                a.total += n
                if state == "active" { a.active += n }
                if state.hasPrefix("idle in transaction") { a.idleTx += n }
                a.apps[app, default: 0] += n
                perAddress[addr] = a
            case "wait":
                r.lockWaits.append(
                    LockWait(
                        pid: try required(row.int(1), "lock wait pid"), waitingSeconds: number,
                        blockers: (row[3] ?? "").split(separator: ",").compactMap { Int($0) },
                        application: DatabaseProbe.clean(row[4]), query: DatabaseProbe.firstLine(row[7])))
            case let kind:
                let info = BackendInfo(
                    pid: try required(row.int(1), "\(kind ?? "?") pid"), seconds: number,
                    state: DatabaseProbe.clean(row[3]),
                    application: DatabaseProbe.clean(row[4]), user: DatabaseProbe.clean(row[6]),
                    query: DatabaseProbe.firstLine(row[7]))
                switch kind {
                case "query": r.longestQuery = info
                case "xact": r.longestTransaction = info
                default: r.longestIdle = info
                }
            }
        }
        r.byState = ranked(byState)
        r.byApplication = ranked(byApp)
        r.byClient = ranked(perAddress.mapValues(\.total))
        r.byUser = ranked(byUser)
        r.byClientAddress = perAddress.map { addr, a in
            ClientConnections(
                address: addr, total: a.total, active: a.active, idleInTransaction: a.idleTx,
                applications: Array(ranked(a.apps).prefix(ClientConnections.maxApplications)))
        }.sorted { ($0.total, $1.address) > ($1.total, $0.address) }
        return r
    }

    /// Writes the figures into `snapshot`; a carried reading has its ages advanced to the snapshot's time and says
    /// when it was read (`activityAt`).
    func apply(to snapshot: inout PostgresSnapshot) {
        let later = max(0, snapshot.takenAt - at)
        let advance = { (b: BackendInfo?) in
            b.map {
                var b = $0
                b.seconds += later
                return b
            }
        }
        snapshot.total = total
        snapshot.byState = byState
        snapshot.byApplication = byApplication
        snapshot.byClient = byClient
        snapshot.byUser = byUser
        snapshot.longestQuery = advance(longestQuery)
        snapshot.longestTransaction = advance(longestTransaction)
        snapshot.longestIdleInTransaction = advance(longestIdle)
        snapshot.lockWaits = lockWaits.map {
            var w = $0
            w.waitingSeconds += later
            return w
        }
        snapshot.byClientAddress = byClientAddress
        snapshot.replicas = replicas
        snapshot.activityAt = later > 0 ? at : nil
    }

    static func ranked(_ d: [String: Int]) -> [NamedCount] {
        d.map { NamedCount(name: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name
        }
    }
}
