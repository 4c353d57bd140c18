/// Every Celery worker the console has heard of, from celeryev heartbeats and pidbox rounds, with liveness
/// derived at a given `now` (pure; injected clock). Bounded: at most `maxWorkers`; workers that stopped cleanly
/// are forgotten after 10 minutes, silent ones after an hour.
public struct WorkerRegistry: Sendable, Equatable {
    public static let maxWorkers = 500
    /// Heartbeats whose receive-minus-send offsets date the next one (about 10 s at the default 2 s freq).
    static let offsetSamples = 5
    /// An offset this far from the best one is a clock step, not a late read: the samples start over.
    static let clockStep: Double = 60
    static let forgetOfflineAfter: Double = 600
    static let forgetSilentAfter: Double = 3600

    /// One worker's latest figures.
    public struct Worker: Sendable, Equatable {
        public var name: String
        public var pid: Int?
        public var freq: Double = 2
        public var lastHeartbeat: Double?
        /// Start of the latest round this worker answered.
        public var lastPong: Double?
        public var offlineAt: Double?
        /// Whether its mailbox connection was still subscribed in the latest round it missed.
        public var mailboxConnected: Bool?
        public var active: Int?
        public var processed: Int?
        public var processedPerSecond: Double?
        public var loadavg: [Double]?
        public var software: String?
        public var queues: [String]?
        public var concurrency: Int?
        var rateBase: Double?
        var rateBaseTime: Double?
        /// Receive minus send time of the latest heartbeats (at most `offsetSamples`): their minimum is the
        /// worker's clock offset plus the best delivery latency.
        var clockOffsets: [Double] = []

        init(name: String) { self.name = name }

        /// When a heartbeat was sent, on the console's clock: its receipt time, or earlier when the worker's
        /// timestamp says it waited (a console read late — a loaded host — must not make a stopped worker look
        /// alive). The offset is the smallest of the last few; a jump of a minute (a clock step) starts over.
        mutating func sendTime(of hb: WorkerHeartbeat) -> Double {
            guard let sent = hb.sentAt, sent.isFinite else { return hb.receivedAt }
            let sample = hb.receivedAt - sent
            if let best = clockOffsets.min(), abs(sample - best) > WorkerRegistry.clockStep { clockOffsets = [] }
            clockOffsets.append(sample)
            if clockOffsets.count > WorkerRegistry.offsetSamples { clockOffsets.removeFirst() }
            return min(hb.receivedAt, sent + (clockOffsets.min() ?? sample))
        }

        /// The last sign of life (heartbeat or answer), if any.
        public var lastSeen: Double? {
            switch (lastHeartbeat, lastPong) {
            case (let h?, let p?): return max(h, p)
            case (let h, let p): return h ?? p
            }
        }

        /// Tasks processed per second from successive counters (reset when the counter goes back: a restart).
        mutating func record(processed value: Int, at time: Double) {
            processed = value
            guard let base = rateBase, let t0 = rateBaseTime, Double(value) >= base else {
                (rateBase, rateBaseTime, processedPerSecond) = (Double(value), time, nil)
                return
            }
            guard time - t0 >= 1 else { return }
            processedPerSecond = (Double(value) - base) / (time - t0)
            (rateBase, rateBaseTime) = (Double(value), time)
        }
    }

    public private(set) var workers: [String: Worker] = [:]
    public private(set) var lastRound: InspectRound?
    /// Seconds between pidbox rounds; a round older than 3 × this (at least 10 s) no longer proves anything.
    public var roundInterval: Double = 2

    public init() {}

    public mutating func observe(_ hb: WorkerHeartbeat) {
        guard var w = worker(hb.hostname) else { return }
        w.pid = hb.pid ?? w.pid
        w.software = hb.software ?? w.software
        switch hb.kind {
        case .offline:
            w.offlineAt = hb.receivedAt
        case .online, .heartbeat:
            let sent = w.sendTime(of: hb)
            w.lastHeartbeat = max(w.lastHeartbeat ?? sent, sent)
            w.freq = hb.freq > 0 ? hb.freq : 2
            w.offlineAt = nil
            w.active = hb.active ?? w.active
            w.loadavg = hb.loadavg ?? w.loadavg
            if let p = hb.processed { w.record(processed: p, at: sent) }
        }
        workers[w.name] = w
        forget(now: hb.receivedAt)
    }

    public mutating func observe(_ round: InspectRound) {
        lastRound = round
        var answered = Set<String>()
        for r in round.replies {
            guard var w = worker(r.name) else { continue }
            answered.insert(r.name)
            w.lastPong = round.startedAt
            w.offlineAt = nil
            w.mailboxConnected = true
            w.pid = r.pid ?? w.pid
            w.concurrency = r.concurrency ?? w.concurrency
            w.queues = r.queues ?? w.queues
            if let p = r.processed { w.record(processed: p, at: round.startedAt) }
            workers[r.name] = w
        }
        // Who missed this round: PUBLISH counted the subscribed mailboxes, so when every silent known worker
        // fits in the silent receivers they are all connected, and when there are none they are all gone.
        let missed = workers.values.filter { !answered.contains($0.name) && $0.lastPong != nil && $0.offlineAt == nil }
        let connected: Bool? = round.silentReceivers == 0 ? false : round.silentReceivers >= missed.count ? true : nil
        for w in missed { workers[w.name]?.mailboxConnected = connected }
        forget(now: round.startedAt)
    }

    /// The worker's liveness at `now`.
    public func liveness(of w: Worker, now: Double) -> WorkerLiveness {
        if let off = w.offlineAt, off >= (w.lastSeen ?? -.infinity) { return .offline(at: off) }
        if let h = w.lastHeartbeat, now < h + 2 * w.freq { return .alive }
        let roundFresh = lastRound.map { now - $0.startedAt <= max(10, 3 * roundInterval) } ?? false
        if let p = w.lastPong, p == lastRound?.startedAt, roundFresh { return .alive }
        let since = w.lastSeen ?? now
        if w.lastHeartbeat == nil, !roundFresh { return .unknown(since: since) }
        let missedRound = w.lastPong != nil && (lastRound?.startedAt ?? -.infinity) > (w.lastPong ?? 0)
        return .silent(since: since, connected: missedRound ? w.mailboxConnected : nil)
    }

    /// Workers with their liveness, by name.
    public func rows(now: Double) -> [(worker: Worker, liveness: WorkerLiveness)] {
        workers.values.sorted { $0.name < $1.name }.map { ($0, liveness(of: $0, now: now)) }
    }

    /// How many alive workers consume `queue`, when queue sets are known (nil: no worker reported its queues).
    public func consumers(of queue: String, now: Double) -> Int? {
        guard knowsQueues(now: now) else { return nil }
        return consumerNames(of: queue, now: now).count
    }

    /// The alive workers that list `queue` in their active queues, by name. A frozen or dead worker that listed
    /// the queue does not count: the stalled scenario has no consumer.
    public func consumerNames(of queue: String, now: Double) -> [String] {
        workers.values.filter { ($0.queues ?? []).contains(queue) && liveness(of: $0, now: now).isAlive }
            .map(\.name).sorted()
    }

    /// Whether a worker reported its queues and its state is known (so per-queue consumer counts mean something).
    public func knowsQueues(now: Double) -> Bool {
        workers.values.contains { w in
            guard w.queues != nil else { return false }
            if case .unknown = liveness(of: w, now: now) { return false }
            return true
        }
    }

    /// The existing entry or a new one (nil when the registry is full).
    private func worker(_ name: String) -> Worker? {
        if let w = workers[name] { return w }
        return workers.count < Self.maxWorkers && !name.isEmpty ? Worker(name: name) : nil
    }

    private mutating func forget(now: Double) {
        workers = workers.filter { _, w in
            if let off = w.offlineAt { return now - off < Self.forgetOfflineAfter }
            return now - (w.lastSeen ?? now) < Self.forgetSilentAfter
        }
    }
}
