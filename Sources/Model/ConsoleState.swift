/// The whole observable state of the console: latest snapshots, bounded histories and derived rates.
/// A pure reducer: the mutations are `apply(_:)` (probe results), `evaluateAlerts(now:)` (the clock),
/// `silence(_:_:by:now:)` (the user) and `setInterval(_:)`; every derivation takes `now` explicitly.
public struct ConsoleState: Sendable {
    public private(set) var postgres = SourceState<PostgresSnapshot>()
    public private(set) var redis = SourceState<RedisSnapshot>()
    /// Depth history per queue name, bounded to `maxQueues` queues of `historyCapacity` points.
    public private(set) var queueHistory: [String: Series] = [:]
    public private(set) var events = CounterRate()
    public private(set) var newIssues = CounterRate()
    public private(set) var transactions = CounterRate()
    public private(set) var redisOps = CounterRate()
    public private(set) var bufferHistory: Series
    public private(set) var inFlightHistory: Series
    /// Sequential-scan counter history per watched table (bounded like the queues).
    public private(set) var seqScanHistory: [String: Series] = [:]
    /// Seconds of history the sequential-scan rate spans (60; `check` widens it to its previous run).
    public private(set) var seqScanWindow: Double = 60
    /// Events/s has been above zero at least once (so "ingest stalled" means stopped, not never started).
    public private(set) var eventsEverPositive = false
    /// Whether events bypass `nodestore_node` (then events/s is unknown, not 0).
    public private(set) var eventStore = EventStoreCheck()
    /// The issue stream (refreshed only while the Issues screen or an issue rule needs it).
    public private(set) var issues = SourceState<IssuesSnapshot>()
    public private(set) var issueRates = IssueRates()
    /// The open issue's detail, or the reason it could not be read.
    /// The last detail read, with the issue it belongs to.
    public private(set) var issueDetail: (id: Int64, result: Result<IssueDetail, ProbeError>)?
    /// The celeryev listener (always on) and the pidbox rounds (`--inspect-workers`).
    public private(set) var heartbeats = SourceState<[WorkerHeartbeat]>()
    public private(set) var inspection = SourceState<InspectRound>()
    public private(set) var workers = WorkerRegistry()
    public private(set) var alerts = AlertEngine()
    /// The latest contents sample of each non-empty sampled queue (dropped when the queue empties).
    public private(set) var breakdowns: [String: QueueBreakdown] = [:]
    /// Slugs and short ids for the breakdowns' ids.
    public private(set) var names = EntityNames()
    /// The client keys last read for the queue detail, with the project they belong to.
    public private(set) var projectKeys: (id: Int64, result: Result<ProjectKeys, ProbeError>)?
    public private(set) var thresholds: AlertThresholds
    public let historyCapacity: Int
    /// Seconds per sparkline cell (10 s, or 5 intervals when sampling is slower).
    public private(set) var sparkBucket: Double = 10
    public let maxQueues: Int
    public let taskbrokerMigration: Int

    public init(
        interval: Double = 2, historyCapacity: Int = 120, maxQueues: Int = 2000,
        taskbrokerMigration: Int = SentryInstall.defaultTaskbrokerMigration,
        thresholds: AlertThresholds = AlertThresholds()
    ) {
        self.thresholds = thresholds
        self.historyCapacity = historyCapacity
        self.maxQueues = maxQueues
        self.taskbrokerMigration = taskbrokerMigration
        bufferHistory = Series(capacity: historyCapacity)
        inFlightHistory = Series(capacity: historyCapacity)
        setInterval(interval)
    }

    /// Rates turn stale when no sample arrived for three intervals (at least 10 s).
    public mutating func setInterval(_ interval: Double) {
        workers.roundInterval = interval
        sparkBucket = max(10, interval * 5)
        let staleAfter = max(10, interval * 3)
        events.staleAfter = staleAfter
        newIssues.staleAfter = staleAfter
        transactions.staleAfter = staleAfter
        redisOps.staleAfter = staleAfter
    }

    public mutating func apply(_ event: ProbeEvent) {
        reduce(event)
        evaluateAlerts(now: event.time)
    }

    /// What the user can do to an alert.
    public enum SilenceChange: Equatable, Sendable {
        case acknowledge
        case snooze(seconds: Double)
        case unsilence
    }

    /// Acknowledges, snoozes or un-silences the alert `key` as `by`; returns the alert's silence afterwards.
    @discardableResult
    public mutating func silence(_ key: String, _ change: SilenceChange, by: String, now: Double) -> AlertEngine
        .Silence?
    {
        switch change {
        case .acknowledge: alerts.acknowledge(key, by: by, now: now)
        case .snooze(let seconds): alerts.snooze(key, for: seconds, by: by, now: now)
        case .unsilence: alerts.unsilence(key, now: now)
        }
        return alerts.silenced[key]
    }

    /// Re-runs the rules at `now` (also called on a clock tick, so `for` durations elapse without new data).
    public mutating func evaluateAlerts(now: Double) {
        var unknown = Set<String>()
        if postgres.failure != nil { unknown.formUnion(AlertRules.postgresRules) }
        if redis.failure != nil { unknown.formUnion(AlertRules.redisRules) }
        if redis.failure != nil || heartbeats.failure != nil || inspection.failure != nil {
            unknown.formUnion(AlertRules.workerRules)
        }
        let signals = AlertRules.evaluate(self, now: now, thresholds: thresholds, active: alerts.activeKeys)
        alerts.update(signals, now: now, unknown: unknown)
    }

    /// Sequential scans per minute on a table over the last `seqScanWindow` seconds (nil without two points
    /// ≥ 10 s apart).
    public func seqScansPerMinute(_ table: String, now: Double) -> Double? {
        guard let pts = seqScanHistory[table]?.points(since: now - seqScanWindow), let first = pts.first,
            let last = pts.last,
            last.time - first.time >= 10
        else { return nil }
        return (last.value - first.value) / (last.time - first.time) * 60
    }

    /// Seeds the sequential-scan histories with counters read `at` an earlier time (`check`'s state file)
    /// and widens the rate window to reach them, so a check run from cron sees the scans made between runs.
    /// Call before applying newer samples; a counter that went down since (a statistics reset) drops the seed.
    public mutating func seedSeqScans(_ tables: [TableCounters], at time: Double, now: Double) {
        for t in tables {
            var series = Series(capacity: 60)
            series.append(time: time, value: Double(t.seqScans))
            seqScanHistory[t.name] = series
        }
        seqScanWindow = max(60, now - time + 1)
    }

    private mutating func reduce(_ event: ProbeEvent) {
        switch event {
        case .postgres(.success(let s), let at, _):
            postgres.succeeded(s, at: at)
            let nodestore = s.table("nodestore_node")
            let issues = s.table("sentry_groupedmessage")
            events.observe(counter: nodestore.map { Double($0.inserts) }, epoch: String(s.statsEpoch), at: s.takenAt)
            newIssues.observe(counter: issues.map { Double($0.inserts) }, epoch: String(s.statsEpoch), at: s.takenAt)
            transactions.observe(counter: Double(s.transactions), epoch: String(s.statsEpoch), at: s.takenAt)
            if (events.state(now: s.takenAt).perSecond ?? 0) > 0 { eventsEverPositive = true }
            eventStore.observe(nodestoreInserts: nodestore?.inserts, latestSeen: s.latestIssueSeen, at: s.takenAt)
            for t in s.tables {
                if seqScanHistory[t.name] == nil { seqScanHistory[t.name] = Series(capacity: 60) }
                if let last = seqScanHistory[t.name]?.last, Double(t.seqScans) < last.value {
                    seqScanHistory[t.name]?.removeAll()
                }
                seqScanHistory[t.name]?.append(time: s.takenAt, value: Double(t.seqScans))
            }
        case .postgres(.failure(let e), let at, let retryAt):
            postgres.failed(e, at: at, retryAt: retryAt)
        case .redis(.success(let s), let at, _):
            redis.succeeded(s, at: at)
            // Others' load only: the console's own commands are subtracted; a new run_id means a restart.
            let others = Double(s.stats.totalCommands - s.consoleCommands)
            redisOps.observe(counter: others, epoch: s.stats.runId, at: s.takenAt)
            if s.broker == .celery {
                for q in s.queues { recordDepth(q, at: s.takenAt) }
                inFlightHistory.append(time: s.takenAt, value: Double(s.inFlight))
            }
            if let b = s.bufferBacklog { bufferHistory.append(time: s.takenAt, value: Double(b)) }
            if let shared = s.sharedSilences { alerts.mergeShared(shared, now: s.takenAt) }
            for b in s.breakdowns ?? [] { breakdowns[b.queue] = b }
            if !breakdowns.isEmpty {
                let nonEmpty = Set(s.queues.filter { $0.depth > 0 }.map(\.name))
                breakdowns = breakdowns.filter { nonEmpty.contains($0.key) }
            }
        case .redis(.failure(let e), let at, let retryAt):
            redis.failed(e, at: at, retryAt: retryAt)
        case .issues(.success(let read), let at, _):
            let s = read.carryingPending(from: issues.latest)
            issues.succeeded(s, at: at)
            issueRates.observe(s.rows, at: s.takenAt)
        case .issues(.failure(let e), let at, let retryAt):
            issues.failed(e, at: at, retryAt: retryAt)
        case .names(.success(let n), _):
            names.merge(n)
        case .names(.failure, _):
            break
        case .projectKeys(let id, let result, _):
            projectKeys = (id, result)
        case .issueDetail(let id, let result, _):
            issueDetail = (id, result)
        case .heartbeats(.success(let beats), let at, _):
            heartbeats.succeeded(beats, at: at)
            for b in beats { workers.observe(b) }
        case .heartbeats(.failure(let e), let at, let retryAt):
            heartbeats.failed(e, at: at, retryAt: retryAt)
        case .inspection(.success(let round), let at, _):
            inspection.succeeded(round, at: at)
            workers.observe(round)
        case .inspection(.failure(let e), let at, let retryAt):
            inspection.failed(e, at: at, retryAt: retryAt)
        }
    }

    private mutating func recordDepth(_ q: QueueSample, at time: Double) {
        if queueHistory[q.name] == nil {
            guard queueHistory.count < maxQueues else { return }
            queueHistory[q.name] = Series(capacity: historyCapacity)
        }
        queueHistory[q.name]!.append(time: time, value: Double(q.depth))
    }

    /// Forgets the open issue's detail (the detail view closed).
    public mutating func clearIssueDetail() { issueDetail = nil }

    /// The detail of issue `id`, nil while it is not read yet (or the last answer was for another issue).
    public func issueDetail(for id: Int64) -> Result<IssueDetail, ProbeError>? {
        issueDetail.flatMap { $0.id == id ? $0.result : nil }
    }

    /// The stream's rows in display order: server order, or events/min (then last seen) for `trending`.
    public func issueRows(now: Double) -> [IssueRow] {
        guard let snap = issues.latest else { return [] }
        guard snap.sort == .trending else { return snap.rows }
        let rates = Dictionary(
            uniqueKeysWithValues: snap.rows.map { ($0.id, issueRates.perMinute($0.id, now: now) ?? -1) })
        return snap.rows.sorted { (rates[$0.id]!, $0.lastSeen, $0.id) > (rates[$1.id]!, $1.lastSeen, $1.id) }
    }

    /// Where tasks can be seen, from both sources.
    public var taskBackend: TaskBackend {
        TaskBackend.detect(redis: redis.latest, install: postgres.latest?.install, threshold: taskbrokerMigration)
    }

    /// Trend and ETA of one queue at `now`.
    public func trend(of queue: String, now: Double) -> QueueTrend {
        guard let h = queueHistory[queue] else { return .initializing }
        return QueueTrend.from(h.points, now: now)
    }

    /// A queue's depth per sparkline bucket (the last depth in each), oldest first.
    public func depthBuckets(of queue: String, last n: Int, now: Double) -> [Double] {
        queueHistory[queue]?.buckets(n, seconds: sparkBucket, now: now, .last) ?? []
    }

    /// The last `n` depths of a queue, oldest first.
    public func depthHistory(of queue: String, last n: Int) -> [Double] {
        queueHistory[queue]?.lastValues(n) ?? []
    }
}
