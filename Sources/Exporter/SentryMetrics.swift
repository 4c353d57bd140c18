import Model

/// Turns the console's model into metric families: the same `ConsoleState` the console draws, so the page, the
/// dashboard and the console agree. Pure. Invariants: a source that is down contributes only its
/// `sentry_console_source_up 0` (its metrics are absent, never 0 for unknown); queue metrics exist only when
/// the tasks are on Celery-on-Redis; no series is per worker host or per issue (cardinality is bounded by the
/// number of queues, watched tables, standbys and rules).
public enum SentryMetrics {
    public static func families(
        state s: ConsoleState, sources: [SourceReport], now: Double, version: String, install: String = ""
    )
        -> [MetricFamily]
    {
        let up = Dictionary(sources.map { ($0.source, $0.up) }, uniquingKeysWith: { $1 })
        var out = console(sources, version: version, install: install)
        if up["redis"] == true, let r = s.redis.latest {
            out += redis(r, backend: s.taskBackend)
            out += consumers(r)
            if s.taskBackend == .celeryRedis { out += oldestMessages(s, now: now) }
        }
        if up["workers"] == true || up["redis"] == true { out += workers(s, now: now) }
        if up["postgres"] == true, let p = s.postgres.latest {
            out += postgres(p, eventsElsewhere: s.eventStore.elsewhere)
        }
        out += alerts(s, up: up)
        return out.filter { !$0.samples.isEmpty }
    }

    static func console(_ sources: [SourceReport], version: String, install: String = "") -> [MetricFamily] {
        let labels = [.init("version", version)] + (install.isEmpty ? [] : [MetricFamily.Label("install", install)])
        return [
            MetricFamily(
                "sentry_console_build_info", .gauge,
                help: "Always 1; the labels carry the sentry-console version and the named install (--context).",
                [.init(labels, 1)]),
            MetricFamily(
                "sentry_console_source_up", .gauge,
                help: "1 when the last sample of this source succeeded within the scrape deadline; when 0, the "
                    + "source's metrics are absent from this scrape (unknown is never exported as 0).",
                sources.map { .init([.init("source", $0.source)], $0.up ? 1 : 0) }),
            MetricFamily(
                "sentry_console_collect_duration_seconds", .gauge,
                help: "Wall time of the sample of this source that the scrape used (samples are shared by scrapes "
                    + "less than 1 s apart).",
                sources.compactMap { r in r.durationSeconds.map { .init([.init("source", r.source)], $0) } }),
        ]
    }

    static func redis(_ r: RedisSnapshot, backend: TaskBackend) -> [MetricFamily] {
        var out = [
            MetricFamily(
                "sentry_task_backend", .gauge,
                help: "1 for where Sentry's tasks run as seen from here: celery-redis (queue metrics below), "
                    + "taskbroker (Sentry >= 25.10, Kafka; no queue metrics) or unknown (no Celery keys in the "
                    + "broker db; queue metrics absent, not 0).",
                [.init([.init("backend", backend.rawValue)], 1)])
        ]
        if let b = r.bufferBacklog {
            out.append(
                MetricFamily(
                    "sentry_buffer_pending_keys", .gauge,
                    help: "ZCARD of Sentry's buffer pending set (b:p): counter increments waiting to be flushed "
                        + "to Postgres.", value: Double(b)))
        }
        guard backend == .celeryRedis else { return out }
        out.append(
            MetricFamily(
                "sentry_queue_depth", .gauge,
                help: "Messages waiting in a Celery queue: LLEN of the queue list plus its priority sub-lists "
                    + "(kombu global_keyprefix applied), read in one pipeline; the number the console shows.",
                r.queues.map { .init([.init("queue", $0.name)], Double($0.depth)) }))
        out.append(
            MetricFamily(
                "sentry_queue_unacked_messages", .gauge,
                help: "HLEN unacked: messages reserved by workers and not yet acknowledged (all queues).",
                value: Double(r.inFlight)))
        if let age = r.oldestInFlightSeconds, r.inFlight > 0 {
            out.append(
                MetricFamily(
                    "sentry_queue_oldest_unacked_age_seconds", .gauge,
                    help: "Age of the oldest reserved-but-unacked message (the lowest unacked_index score); "
                        + "absent when nothing is unacked.", value: age))
        }
        return out
    }

    /// The latency of the event pipeline's queues: the age of the oldest waiting message, from its
    /// `kwargs.start_time` (when Relay received the event), read by the backlog sampler.
    static func oldestMessages(_ s: ConsoleState, now: Double) -> [MetricFamily] {
        [
            MetricFamily(
                "sentry_queue_oldest_message_age_seconds", .gauge,
                help: "Age of the oldest waiting message of an event-pipeline queue (now minus its kwargs.start_time, "
                    + "when Relay received the event), from the backlog sample of the queue's tail, taken at most "
                    + "every 10 s while the queue is non-empty; absent for empty queues and tasks without start_time.",
                s.breakdowns.values.sorted { $0.queue < $1.queue }.compactMap { b in
                    b.oldestAge(now: now).map { .init([.init("queue", b.queue)], $0) }
                })
        ]
    }

    static func consumers(_ r: RedisSnapshot) -> [MetricFamily] {
        guard let hosts = r.consumerHosts else { return [] }
        let sum = { (k: KeyPath<ConsumerHost, Int>) in Double(hosts.reduce(0) { $0 + $1[keyPath: k] }) }
        return [
            MetricFamily(
                "sentry_celery_consumers", .gauge,
                help: "Redis connections of Celery consumers on the broker db, from CLIENT LIST: waiting (blocked "
                    + "in BRPOP), busy (took work, polls again soon), not_polling (last command BRPOP, idle >= 5 s).",
                [
                    .init([.init("state", "waiting")], sum(\.waiting)),
                    .init([.init("state", "busy")], sum(\.busy)),
                    .init([.init("state", "not_polling")], sum(\.notPolling)),
                ]),
            MetricFamily(
                "sentry_celery_consumers_age_seconds", .gauge,
                help: "Age of the CLIENT LIST reading behind sentry_celery_consumers: it is O(clients) for Redis, so "
                    + "it is read at most every 60 s, less often above 1,200 clients (clients / 20 seconds).",
                [.init([], max(0, r.takenAt - (r.consumerHostsAt ?? r.takenAt)))]),
        ]
    }

    static func workers(_ s: ConsoleState, now: Double) -> [MetricFamily] {
        let rows = s.workers.rows(now: now)
        guard !rows.isEmpty else { return [] }
        var counts: [String: Int] = ["alive": 0, "offline": 0, "silent": 0, "unknown": 0]
        for (_, liveness) in rows {
            switch liveness {
            case .alive: counts["alive", default: 0] += 1
            case .offline: counts["offline", default: 0] += 1
            case .silent: counts["silent", default: 0] += 1
            case .unknown: counts["unknown", default: 0] += 1
            }
        }
        return [
            MetricFamily(
                "sentry_celery_workers", .gauge,
                help: "Celery workers known from heartbeats (celeryev) or pidbox pings (--inspect-workers): alive, "
                    + "offline (said goodbye), silent (missed heartbeats or a ping), unknown (ping rounds stopped).",
                counts.sorted { $0.key < $1.key }.map { .init([.init("state", $0.key)], Double($0.value)) })
        ]
    }
}
