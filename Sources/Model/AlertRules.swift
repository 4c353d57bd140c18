/// The built-in rules: each turns the current `ConsoleState` into signals. Pure. `active` holds the keys that
/// are pending or firing, so thresholds can apply hysteresis (a firing alert clears only below a lower bar).
public enum AlertRules {
    /// Rule ids that depend on each source (used to hold state while that source is down).
    public static let postgresRules: Set<String> = [
        "db.connections", "db.idle_in_transaction", "db.long_query", "db.lock_wait", "db.seq_scans",
        "db.stale_analyze", "db.replication_lag", "ingest.stalled", "sentry.incident", "issue.new_burst", "issue.spike",
    ]
    public static let redisRules: Set<String> = [
        "queue.backlog_growing", "queue.drain_eta", "queue.stalled", "queue.inflight_old", "queue.no_consumers",
        "queue.flooding",
    ]
    /// Rules that need the worker feeds (heartbeats, pidbox rounds) as well as Redis.
    public static let workerRules: Set<String> = ["worker.offline"]

    public static func evaluate(_ s: ConsoleState, now: Double, thresholds t: AlertThresholds, active: Set<String>)
        -> [AlertSignal]
    {
        queueSignals(s, now: now, t) + databaseSignals(s, now: now, t, active: active) + ingestSignals(s, now: now, t)
            + WorkerAlertRules.evaluate(s, now: now, t) + FloodRule.evaluate(s, now: now, t)
    }

    static func queueSignals(_ s: ConsoleState, now: Double, _ t: AlertThresholds) -> [AlertSignal] {
        guard let r = s.redis.latest, s.taskBackend == .celeryRedis else { return [] }
        var out: [AlertSignal] = []
        for q in r.queues where q.depth > 0 {
            switch s.trend(of: q.name, now: now) {
            case .growing(let pm):
                out.append(
                    AlertSignal(
                        rule: "queue.backlog_growing", subject: q.name, severity: .warning,
                        forSeconds: t.backlogGrowingFor,
                        value: "\(Format.count(q.depth)) waiting, +\(Format.compact(pm))/min",
                        threshold: "growing ≥ \(Format.duration(t.backlogGrowingFor))",
                        hint: "producers outpace the workers: check worker count, concurrency and slow tasks"))
            case .draining(_, let eta) where eta > t.drainEtaSeconds:
                out.append(
                    AlertSignal(
                        rule: "queue.drain_eta", subject: q.name, severity: .warning, forSeconds: t.drainEtaFor,
                        value: "drains in ~\(Format.duration(eta))",
                        threshold: "> \(Format.duration(t.drainEtaSeconds))",
                        hint: "draining too slowly: add workers for this queue or look for slow tasks"))
            case .stalled(let secs):
                out.append(
                    AlertSignal(
                        rule: "queue.stalled", subject: q.name, severity: .critical, forSeconds: t.stalledFor,
                        value: "\(Format.count(q.depth)) waiting, no change for \(Format.duration(secs))"
                            + ([.noConsumers, .workersBusy].contains(StallCause(r))
                                ? ", " + (StallCause(r).words ?? "") : ""),
                        threshold: "no progress",
                        hint: "backlog with no consumer progress: check that workers run and consume this queue"))
            default: break
            }
        }
        if let age = r.oldestInFlightSeconds, r.inFlight > 0, age > t.oldestInFlightSeconds {
            out.append(
                AlertSignal(
                    rule: "queue.inflight_old", severity: .warning, value: "oldest unacked \(Format.duration(age))",
                    threshold: "> \(Format.duration(t.oldestInFlightSeconds))",
                    hint: "reserved but unacked for long: a hung worker, or long ETA/countdown tasks"))
        }
        return out
    }

    static func databaseSignals(_ s: ConsoleState, now: Double, _ t: AlertThresholds, active: Set<String>)
        -> [AlertSignal]
    {
        guard let p = s.postgres.latest else { return [] }
        var out: [AlertSignal] = []
        let pct = Double(p.total) * 100 / Double(p.usableConnections)
        let gap = active.contains("db.connections") ? t.hysteresisPercent : 0
        let sev: Severity =
            pct >= t.connectionsCritPercent - gap ? .critical : pct >= t.connectionsWarnPercent - gap ? .warning : .ok
        if sev != .ok {
            out.append(
                AlertSignal(
                    rule: "db.connections", severity: sev,
                    value: "\(p.total)/\(p.usableConnections) (\(Int(pct.rounded()))%)",
                    threshold: "≥ \(Int(sev == .critical ? t.connectionsCritPercent : t.connectionsWarnPercent))%",
                    hint: "pools near max_connections: find the application holding most; consider pgbouncer"))
        }
        if let x = p.longestIdleInTransaction, x.seconds > t.idleInTransactionSeconds {
            out.append(
                AlertSignal(
                    rule: "db.idle_in_transaction", severity: .warning,
                    value: "pid \(x.pid) \(x.application) \(Format.duration(x.seconds))",
                    threshold: "> \(Format.duration(t.idleInTransactionSeconds))",
                    hint: "an open transaction blocks vacuum and may hold locks: check that application"))
        }
        if let q = p.longestQuery, q.seconds > t.longQuerySeconds {
            out.append(
                AlertSignal(
                    rule: "db.long_query", severity: .warning, value: "pid \(q.pid) \(Format.duration(q.seconds))",
                    threshold: "> \(Format.duration(t.longQuerySeconds))",
                    hint: "long query: EXPLAIN it; cancel with pg_cancel_backend if it is stuck"))
        }
        if let w = p.lockWaits.max(by: { $0.waitingSeconds < $1.waitingSeconds }), w.waitingSeconds > t.lockWaitSeconds
        {
            out.append(
                AlertSignal(
                    rule: "db.lock_wait", severity: .warning,
                    value:
                        "\(p.lockWaits.count) waiting, pid \(w.pid) \(Format.duration(w.waitingSeconds)) behind \(w.blockers.map(String.init).joined(separator: ","))",
                    threshold: "> \(Format.duration(t.lockWaitSeconds))",
                    hint: "sessions wait on locks: look at the blocking pid"))
        }
        for table in p.tables where Double(table.liveTuples) >= t.largeTableRows {
            if let perMinute = s.seqScansPerMinute(table.name, now: now), perMinute >= t.seqScansPerMinute {
                out.append(
                    AlertSignal(
                        rule: "db.seq_scans", subject: table.name, severity: .warning,
                        value:
                            "\(Format.rate(perMinute)) seq scans/min on \(Format.compact(Double(table.liveTuples))) rows",
                        threshold: "≥ \(Format.rate(t.seqScansPerMinute))/min",
                        hint: "full-table scans on a large Sentry table: missing index or stale statistics (ANALYZE)"))
            }
            let stale = Double(table.modsSinceAnalyze) > Double(table.liveTuples) * t.staleAnalyzeFraction
            if stale && (table.analyzedSecondsAgo ?? .infinity) > t.staleAnalyzeAge {
                out.append(
                    AlertSignal(
                        rule: "db.stale_analyze", subject: table.name, severity: .warning,
                        value:
                            "\(Format.compact(Double(table.modsSinceAnalyze))) rows changed, analyzed \(table.analyzedSecondsAgo.map { Format.duration($0) + " ago" } ?? "never")",
                        threshold:
                            "> \(Int(t.staleAnalyzeFraction * 100))% and > \(Format.duration(t.staleAnalyzeAge))",
                        hint: "planner statistics are stale: ANALYZE \(table.name); check autovacuum"))
            }
        }
        for r in p.replicas {
            if let lag = r.replayLagSeconds, lag > t.replicationLagSeconds {
                out.append(
                    AlertSignal(
                        rule: "db.replication_lag", subject: r.name,
                        severity: lag > t.replicationLagSeconds * 10 ? .critical : .warning,
                        value: "replay lag \(Format.duration(lag))",
                        threshold: "> \(Format.duration(t.replicationLagSeconds))",
                        hint: "standby falls behind: check its I/O and network"))
            }
        }
        for i in t.sentryIncidents ? p.openIncidents ?? [] : [] {
            out.append(
                AlertSignal(
                    rule: "sentry.incident", subject: "#\(i.identifier)",
                    severity: i.status == 20 ? .critical : .warning,
                    value: i.title, threshold: i.statusWord,
                    hint: "a Sentry metric alert is open since \(Format.duration(i.startedSecondsAgo)) ago"))
        }
        return out
    }

    static func ingestSignals(_ s: ConsoleState, now: Double, _ t: AlertThresholds) -> [AlertSignal] {
        ingestStalled(s, now: now, t) + newIssueBurst(s, now: now, t) + issueSpikes(s, now: now, t)
    }

    /// An issue whose last-minute event rate is at least `issueSpikeFactor` × its baseline (the rest of the
    /// watched window) and at least `issueSpikeMinPerMinute`. Needs two minutes of baseline; brand-new floods
    /// are the new-issue burst's job.
    static func issueSpikes(_ s: ConsoleState, now: Double, _ t: AlertThresholds) -> [AlertSignal] {
        guard let rows = s.issues.latest?.rows else { return [] }
        return rows.compactMap { r in
            guard let rate = s.issueRates.perMinute(r.id, now: now), rate >= t.issueSpikeMinPerMinute,
                let base = s.issueRates.baselinePerMinute(r.id, now: now), rate >= t.issueSpikeFactor * max(base, 0.1)
            else { return nil }
            return AlertSignal(
                rule: "issue.spike", subject: r.displayId, severity: .warning, forSeconds: 30,
                value: "\(Format.compact(rate))/min vs \(Format.compact(base))/min before",
                threshold:
                    "≥ \(Format.compact(t.issueSpikeFactor))× baseline and ≥ \(Format.compact(t.issueSpikeMinPerMinute))/min",
                hint:
                    "one issue is flooding: open it on the Issues screen (2); archive it until N more events if it is noise"
            )
        }
    }

    /// New issues per minute over the last minute (mean of the per-sample rates), above the threshold.
    static func newIssueBurst(_ s: ConsoleState, now: Double, _ t: AlertThresholds) -> [AlertSignal] {
        guard case .data = s.newIssues.state(now: now) else { return [] }
        let recent = s.newIssues.history.points(since: now - 60)
        guard !recent.isEmpty else { return [] }
        let perMinute = recent.reduce(0) { $0 + $1.value } / Double(recent.count) * 60
        guard perMinute > t.newIssuesPerMinute else { return [] }
        return [
            AlertSignal(
                rule: "issue.new_burst", severity: .warning, value: "\(Format.rate(perMinute)) new issues/min",
                threshold: "> \(Format.rate(t.newIssuesPerMinute))/min",
                hint: "a deploy or an outage is creating new issues: look at the newest issues and releases")
        ]
    }

    static func ingestStalled(_ s: ConsoleState, now: Double, _ t: AlertThresholds) -> [AlertSignal] {
        guard s.eventsEverPositive, !s.eventStore.elsewhere, case .data(let rate) = s.events.state(now: now), rate == 0
        else { return [] }
        return [
            AlertSignal(
                rule: "ingest.stalled", severity: .critical, forSeconds: t.ingestStalledFor, value: "0 events/s",
                threshold: "0 for ≥ \(Format.duration(t.ingestStalledFor))",
                hint: "nothing is written to nodestore: check relay, the ingest consumers and the events.* queues")
        ]
    }
}
