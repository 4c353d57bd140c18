/// One complete sample of the Postgres side: connections from `pg_stat_activity` (the console's own backend
/// excluded), counters from `pg_stat_database`/`pg_stat_user_tables`, and what the install looks like.
/// Strings in it are already sanitized.
public struct PostgresSnapshot: Sendable, Equatable, Codable {
    public var takenAt: Double
    public var serverVersion: String
    public var database: String
    /// This console's own backend, which every count excludes.
    public var consolePid: Int
    public var maxConnections: Int
    public var reservedConnections: Int
    /// Client backends other than this console's.
    public var total: Int
    public var byState: [NamedCount]
    public var byApplication: [NamedCount]
    public var byClient: [NamedCount]
    public var byUser: [NamedCount]
    public var longestQuery: BackendInfo?
    public var longestTransaction: BackendInfo?
    public var lockWaits: [LockWait]
    /// `xact_commit + xact_rollback` of the current database.
    public var transactions: Int64
    /// Identifies the statistics' lifetime (max of stats_reset and postmaster start); a change means reset.
    public var statsEpoch: Double
    public var tables: [TableCounters]
    public var install: SentryInstall
    /// The session idle in transaction for longest (age since its last state change).
    public var longestIdleInTransaction: BackendInfo?
    /// Standbys from `pg_stat_replication` (empty on a server without replicas).
    public var replicas: [ReplicaLag] = []
    /// Backends per client address with their states (same sample as `byClient`).
    public var byClientAddress: [ClientConnections] = []
    /// Sentry's own metric-alert incidents that are not closed (nil when the table does not exist).
    public var openIncidents: [OpenIncident]?
    /// When the connection figures (total, states, longest query/transaction, lock waits, per address) were read
    /// from `pg_stat_activity`, if before this sample: it is O(backends), so on a big server it is read every few
    /// refreshes and carried in between, its ages advanced (nil: read in this sample).
    public var activityAt: Double?
    /// The newest `last_seen` of any issue (epoch seconds; index-backed `max`): it moves only when events arrive,
    /// so it tells events that bypass `nodestore_node` from no events at all. Nil without a readable issue table.
    public var latestIssueSeen: Double?

    public init(
        takenAt: Double, serverVersion: String, database: String, consolePid: Int = 0, maxConnections: Int,
        reservedConnections: Int,
        total: Int, byState: [NamedCount], byApplication: [NamedCount], byClient: [NamedCount],
        byUser: [NamedCount], longestQuery: BackendInfo?, longestTransaction: BackendInfo?,
        lockWaits: [LockWait], transactions: Int64, statsEpoch: Double, tables: [TableCounters],
        install: SentryInstall
    ) {
        self.takenAt = takenAt
        self.serverVersion = serverVersion
        self.database = database
        self.consolePid = consolePid
        self.maxConnections = maxConnections
        self.reservedConnections = reservedConnections
        self.total = total
        self.byState = byState
        self.byApplication = byApplication
        self.byClient = byClient
        self.byUser = byUser
        self.longestQuery = longestQuery
        self.longestTransaction = longestTransaction
        self.lockWaits = lockWaits
        self.transactions = transactions
        self.statsEpoch = statsEpoch
        self.tables = tables
        self.install = install
    }

    /// Count for one `pg_stat_activity.state` value (0 when absent).
    public func count(state: String) -> Int { byState.first { $0.name == state }?.count ?? 0 }

    /// Other roles' sessions this role may not see (state `hidden`: no pg_read_all_stats; see DatabaseProbe).
    public var hiddenSessions: Int { count(state: "hidden") }

    /// Counters of one table, if it exists.
    public func table(_ name: String) -> TableCounters? { tables.first { $0.name == name } }

    /// Connections usable by ordinary roles.
    public var usableConnections: Int { max(1, maxConnections - reservedConnections) }
}

/// A label and how many connections carry it.
public struct NamedCount: Sendable, Equatable, Codable {
    public var name: String
    public var count: Int
    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}

/// One backend of interest (the longest query or transaction).
public struct BackendInfo: Sendable, Equatable, Codable {
    public var pid: Int
    public var seconds: Double
    public var state: String
    public var application: String
    public var user: String
    /// First line of the query, sanitized and cut.
    public var query: String
    public init(pid: Int, seconds: Double, state: String, application: String, user: String, query: String) {
        self.pid = pid
        self.seconds = seconds
        self.state = state
        self.application = application
        self.user = user
        self.query = query
    }
}

/// A session waiting on a heavyweight lock and the pids blocking it.
public struct LockWait: Sendable, Equatable, Codable {
    public var pid: Int
    public var waitingSeconds: Double
    public var blockers: [Int]
    public var application: String
    public var query: String
    public init(pid: Int, waitingSeconds: Double, blockers: [Int], application: String, query: String) {
        self.pid = pid
        self.waitingSeconds = waitingSeconds
        self.blockers = blockers
        self.application = application
        self.query = query
    }
}

/// Cumulative counters of one table from `pg_stat_user_tables`.
public struct TableCounters: Sendable, Equatable, Codable {
    public var name: String
    public var inserts: Int64
    public var updates: Int64
    public var liveTuples: Int64
    public var seqScans: Int64
    /// Rows changed since the last (auto)analyze.
    public var modsSinceAnalyze: Int64
    /// Seconds since the last analyze or autoanalyze (nil: never analyzed).
    public var analyzedSecondsAgo: Double?
    public init(
        name: String, inserts: Int64, updates: Int64, liveTuples: Int64, seqScans: Int64,
        modsSinceAnalyze: Int64 = 0, analyzedSecondsAgo: Double? = nil
    ) {
        self.name = name
        self.inserts = inserts
        self.updates = updates
        self.liveTuples = liveTuples
        self.seqScans = seqScans
        self.modsSinceAnalyze = modsSinceAnalyze
        self.analyzedSecondsAgo = analyzedSecondsAgo
    }
}

/// One standby's replay lag.
public struct ReplicaLag: Sendable, Equatable, Codable {
    public var name: String
    public var state: String
    /// `replay_lag` in seconds (nil when the standby reports none, e.g. fully idle).
    public var replayLagSeconds: Double?
    public init(name: String, state: String, replayLagSeconds: Double?) {
        self.name = name
        self.state = state
        self.replayLagSeconds = replayLagSeconds
    }
}

/// A Sentry metric-alert incident that is not closed (`sentry_incident`, status 1 open, 10 warning, 20 critical).
public struct OpenIncident: Sendable, Equatable, Codable {
    public var id: Int64
    public var identifier: Int
    public var title: String
    public var status: Int
    public var startedSecondsAgo: Double
    public init(id: Int64, identifier: Int, title: String, status: Int, startedSecondsAgo: Double) {
        self.id = id
        self.identifier = identifier
        self.title = title
        self.status = status
        self.startedSecondsAgo = startedSecondsAgo
    }

    /// The status in words (`sentry_incident.status`: 20 critical, 10 warning, else open).
    public var statusWord: String { status == 20 ? "critical" : status == 10 ? "warning" : "open" }
}
