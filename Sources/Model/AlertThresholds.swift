/// Every number (and the one switch) the built-in rules use; defaults follow the alerts issue, and all are overridable.
public struct AlertThresholds: Sendable, Equatable, Codable {
    /// A queue growing for this long fires "backlog growing".
    public var backlogGrowingFor: Double = 300
    /// A drain ETA above this many seconds fires (after `drainEtaFor`).
    public var drainEtaSeconds: Double = 1800
    public var drainEtaFor: Double = 60
    /// The oldest reserved-but-unacked message older than this fires.
    public var oldestInFlightSeconds: Double = 600
    /// A non-empty queue that has not moved (QueueTrend.stalled) for this long fires.
    public var stalledFor: Double = 60
    /// Connections in use, percent of max_connections − reserved: warning, critical, and the gap below a
    /// threshold at which a firing alert clears (hysteresis).
    public var connectionsWarnPercent: Double = 80
    public var connectionsCritPercent: Double = 95
    public var hysteresisPercent: Double = 5
    public var idleInTransactionSeconds: Double = 60
    public var longQuerySeconds: Double = 30
    public var lockWaitSeconds: Double = 10
    /// Sequential scans on a table with at least `largeTableRows` live rows, over the last minute.
    public var largeTableRows: Double = 10_000
    public var seqScansPerMinute: Double = 1
    /// Analyze is stale when rows changed since it exceed this fraction of live rows and it is older than `staleAnalyzeAge`.
    public var staleAnalyzeFraction: Double = 0.2
    public var staleAnalyzeAge: Double = 3600
    public var replicationLagSeconds: Double = 30
    /// Events/s at zero for this long, after having been positive, fires "ingest stalled".
    public var ingestStalledFor: Double = 120
    /// New issues created per minute (over the last minute) above this fire "new issue burst".
    public var newIssuesPerMinute: Double = 30
    /// An issue's events/min over the last minute at least this many times its baseline fires "issue spike"…
    public var issueSpikeFactor: Double = 5
    /// …when it is also at least this many events/min.
    public var issueSpikeMinPerMinute: Double = 10
    /// A worker that stopped answering (heartbeats, pings) or said goodbye, for this long, fires "worker offline".
    public var workerOfflineFor: Double = 10
    /// A non-empty queue that no live consumer serves, for this long, fires "no consumers".
    public var noConsumersFor: Double = 30
    /// One project's share of a growing queue's sampled messages that fires "queue flooding", and for how long.
    public var floodShare: Double = 0.5
    public var floodingFor: Double = 120
    /// Whether Sentry's own metric-alert incidents (about the monitored applications, not about Sentry) count
    /// as alerts: firing count, bell and `check`'s exit code. Off by default; they are always listed apart.
    public var sentryIncidents = false

    public init() {}
}
