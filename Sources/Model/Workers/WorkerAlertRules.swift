/// The worker rules: "worker offline" (a worker that was alive stopped answering or said goodbye) and "no
/// consumers" (a non-empty queue that no live consumer serves). Pure, like `AlertRules`.
enum WorkerAlertRules {
    static func evaluate(_ s: ConsoleState, now: Double, _ t: AlertThresholds) -> [AlertSignal] {
        offline(s, now: now, t) + noConsumers(s, now: now, t)
    }

    static func offline(_ s: ConsoleState, now: Double, _ t: AlertThresholds) -> [AlertSignal] {
        let rows = s.workers.rows(now: now)
        let anyAlive = rows.contains { $0.liveness.isAlive }
        return rows.compactMap { w, live in
            let value: String
            let hint: String
            switch live {
            case .alive, .unknown: return nil
            case .offline(let at):
                value = "stopped cleanly \(Format.duration(now - at)) ago"
                hint = "worker-offline received: expected during a deploy or scale-down; start it again if not"
            case .silent(let since, let connected):
                let quiet = "silent for \(Format.duration(now - since))"
                switch connected {
                case true?:
                    value = quiet + ", still connected"
                    hint =
                        "connected but not answering: frozen (SIGSTOP, debugger) or its main loop is blocked; check the process"
                case false?:
                    value = quiet + ", connection gone"
                    hint =
                        "its broker connection is gone: the process died or the host is unreachable; check the service"
                case nil:
                    value = quiet + (w.lastHeartbeat != nil ? " (no heartbeat)" : "")
                    hint = "no heartbeat or answer: check that the worker process runs and reaches Redis"
                }
            }
            return AlertSignal(
                rule: "worker.offline", subject: w.name, severity: anyAlive ? .warning : .critical,
                forSeconds: t.workerOfflineFor, value: value,
                threshold: w.lastHeartbeat != nil
                    ? "no heartbeat in 2 × \(Format.duration(w.freq))" : "no answer to ping",
                hint: hint)
        }
    }

    /// Per queue from the workers' `active_queues` when known; otherwise, from CLIENT LIST, only the certain
    /// case: no connection on the broker db is a consumer at all (with the reading's age once it is 30 s old).
    static func noConsumers(_ s: ConsoleState, now: Double, _ t: AlertThresholds) -> [AlertSignal] {
        guard let r = s.redis.latest, s.taskBackend == .celeryRedis else { return [] }
        let connectionConsumers = r.consumerHosts.map { $0.reduce(0) { $0 + $1.consumers } }
        return r.queues.compactMap { q in
            guard q.depth > 0 else { return nil }
            let how: String
            if let n = s.workers.consumers(of: q.name, now: now) {
                guard n == 0 else { return nil }
                how = "no live worker lists it in active_queues"
            } else if connectionConsumers == 0 {
                // CLIENT LIST is read at a slow cadence on big installs: say how old the reading is.
                let age = r.consumerHostsAt.map { max(0, r.takenAt - $0) } ?? 0
                how =
                    "no BRPOP connection on db \(r.db)"
                    + (age >= 30 ? " (CLIENT LIST \(Format.duration(age)) ago)" : "")
            } else {
                return nil
            }
            return AlertSignal(
                rule: "queue.no_consumers", subject: q.name, severity: .critical, forSeconds: t.noConsumersFor,
                value: "\(Format.count(q.depth)) waiting, \(how)", threshold: "0 consumers",
                hint: "backlog with no consumers: check the worker host, its -Q list, and that workers reach Redis")
        }
    }
}
