import Testing

@testable import Model

/// Liveness from heartbeats and pidbox rounds with an injected clock, and the worker rules built on it.
@Suite struct WorkerRegistryTests {
    static func beat(
        _ name: String, at t: Double, kind: WorkerHeartbeat.Kind = .heartbeat, processed: Int? = nil, freq: Double = 2
    ) -> WorkerHeartbeat {
        WorkerHeartbeat(hostname: name, kind: kind, pid: 7, freq: freq, active: 0, processed: processed, receivedAt: t)
    }

    static func round(at t: Double, receivers: Int, _ names: [String], queues: [String]? = nil) -> InspectRound {
        InspectRound(
            startedAt: t, timeout: 1, serializer: "pickle", detailed: queues != nil, receivers: receivers,
            replies: names.map { WorkerInspection(name: $0, pid: 9, processed: nil, queues: queues) })
    }

    @Test func heartbeatsKeepAWorkerAliveFor2xFreqThenItIsSilent() {
        var r = WorkerRegistry()
        r.observe(Self.beat("w@h", at: 100))
        let w = r.workers["w@h"]!
        #expect(r.liveness(of: w, now: 103.9) == .alive)
        #expect(r.liveness(of: w, now: 104.1) == .silent(since: 100, connected: nil))
        r.observe(Self.beat("w@h", at: 105, freq: 5))  // a wake-up heartbeat promises 5 s
        #expect(r.liveness(of: r.workers["w@h"]!, now: 114) == .alive)
        r.observe(Self.beat("w@h", at: 106, kind: .offline))
        #expect(r.liveness(of: r.workers["w@h"]!, now: 107) == .offline(at: 106))
        r.observe(Self.beat("w@h", at: 120, kind: .online))
        #expect(r.liveness(of: r.workers["w@h"]!, now: 121) == .alive, "a restart clears the goodbye")
    }

    /// A heartbeat the console reads late (a loaded host) is dated by when it was sent, through the worker's clock
    /// offset seen on the heartbeats before; a constant offset (a skewed clock) changes nothing; a clock step
    /// starts the offsets over instead of aging every heartbeat after it.
    @Test func aHeartbeatReadLateIsDatedWhenItWasSent() {
        var r = WorkerRegistry()
        func beat(sent: Double, read: Double) {
            var hb = Self.beat("w@h", at: read)
            hb.sentAt = sent
            r.observe(hb)
        }
        // The worker's clock is 100 s ahead; delivery takes 0.05–0.3 s.
        for t in stride(from: 0.0, through: 8, by: 2) { beat(sent: t + 100, read: t + (t == 4 ? 0.3 : 0.05)) }
        func last() -> Double { r.workers["w@h"]!.lastHeartbeat! }
        #expect(abs(last() - 8.05) < 1e-9, "a skewed clock alone does not move the time")
        // Stopped after the heartbeat sent at 10; the console reads it 9 s late.
        beat(sent: 110, read: 19)
        #expect(abs(last() - 10.05) < 1e-9)
        #expect(r.liveness(of: r.workers["w@h"]!, now: 19.5) == .silent(since: last(), connected: nil))
        // The worker's clock steps back two minutes: dated by receipt again from the first heartbeat after.
        beat(sent: 12 + 100 - 120, read: 20)
        #expect(last() == 20)
        #expect(r.liveness(of: r.workers["w@h"]!, now: 21) == .alive)
        beat(sent: 14 + 100 - 120, read: 22.05)
        #expect(abs(last() - 22) < 1e-9, "dated by the best offset since the step")
        // A heartbeat without a timestamp is dated by receipt; an older one never moves the time back.
        r.observe(Self.beat("w@h", at: 24))
        beat(sent: -10, read: 25)
        #expect(last() == 24)
    }

    @Test func missedPingsSayWhetherTheMailboxIsStillConnected() {
        var r = WorkerRegistry()
        r.observe(Self.round(at: 0, receivers: 2, ["a@h", "b@h"]))
        #expect(r.rows(now: 1).allSatisfy { $0.liveness == .alive })
        // b froze: its subscription still counts as a receiver, but it does not answer.
        r.observe(Self.round(at: 2, receivers: 2, ["a@h"]))
        #expect(r.liveness(of: r.workers["b@h"]!, now: 3) == .silent(since: 0, connected: true))
        #expect(r.liveness(of: r.workers["a@h"]!, now: 3) == .alive)
        // b died: PUBLISH reaches only a.
        r.observe(Self.round(at: 4, receivers: 1, ["a@h"]))
        #expect(r.liveness(of: r.workers["b@h"]!, now: 5) == .silent(since: 0, connected: false))
        // Two silent workers, one silent receiver: cannot tell which one is connected.
        r.observe(Self.round(at: 6, receivers: 2, ["a@h", "c@h"]))
        r.observe(Self.round(at: 8, receivers: 2, ["b@h"]))
        #expect(r.liveness(of: r.workers["a@h"]!, now: 9) == .silent(since: 6, connected: nil))
        #expect(r.liveness(of: r.workers["b@h"]!, now: 9) == .alive)
    }

    @Test func withoutRecentRoundsAPingOnlyWorkerIsUnknownNotAlive() {
        var r = WorkerRegistry()
        r.roundInterval = 2
        r.observe(Self.round(at: 0, receivers: 1, ["a@h"]))
        #expect(r.liveness(of: r.workers["a@h"]!, now: 9) == .alive)
        #expect(r.liveness(of: r.workers["a@h"]!, now: 11) == .unknown(since: 0))
    }

    @Test func processedRateAndForgetting() {
        var r = WorkerRegistry()
        r.observe(Self.beat("w@h", at: 0, processed: 100))
        r.observe(Self.beat("w@h", at: 10, processed: 150))
        #expect(r.workers["w@h"]?.processedPerSecond == 5)
        r.observe(Self.beat("w@h", at: 12, processed: 3))  // restarted: counter went back
        #expect(r.workers["w@h"]?.processedPerSecond == nil)
        r.observe(Self.beat("other@h", at: 12 + 3600))
        #expect(r.workers["w@h"] == nil, "silent for an hour: forgotten")
        r.observe(Self.beat("other@h", at: 4000, kind: .offline))
        r.observe(Self.beat("x@h", at: 4000 + 601))
        #expect(r.workers["other@h"] == nil, "a clean stop is forgotten after 10 minutes")
    }

    @Test func theRegistryIsBounded() {
        var r = WorkerRegistry()
        for i in 0..<(WorkerRegistry.maxWorkers + 50) { r.observe(Self.beat("w\(i)@h", at: 1)) }
        #expect(r.workers.count == WorkerRegistry.maxWorkers)
    }

    @Test func workerOfflineFiresAfterItsForAndIsCriticalWhenNoneIsAlive() {
        var s = ConsoleState()
        s.apply(.heartbeats(.success([Self.beat("a@h", at: 0), Self.beat("b@h", at: 0)]), at: 0, retryAt: 2))
        var t = 0.0
        while t < 30 {
            t += 2
            s.apply(.heartbeats(.success([Self.beat("a@h", at: t)]), at: t, retryAt: t + 2))
            if t == 6 { #expect(s.alerts.alerts["worker.offline b@h"]?.state == .pending) }
        }
        let b = s.alerts.alerts["worker.offline b@h"]
        #expect(b?.state == .firing && b?.severity == .warning)
        #expect(s.alerts.alerts["worker.offline a@h"] == nil)
        // a goes quiet too: nobody is alive, so it is critical.
        for _ in 0..<10 {
            t += 2
            s.apply(.heartbeats(.success([]), at: t, retryAt: t + 2))
        }
        #expect(s.alerts.alerts["worker.offline a@h"]?.severity == .critical)
    }

    @Test func aFailingInspectionHoldsTheAlertInsteadOfResolvingIt() {
        var s = ConsoleState(interval: 2)
        s.apply(.inspection(.success(Self.round(at: 0, receivers: 2, ["a@h", "b@h"])), at: 0, retryAt: 2))
        var t = 0.0
        while t < 20 {
            t += 2
            s.apply(.inspection(.success(Self.round(at: t, receivers: 1, ["a@h"])), at: t, retryAt: t + 2))
        }
        #expect(s.alerts.alerts["worker.offline b@h"]?.state == .firing)
        // Redis goes away: no more rounds. After 10 s b is "unchecked" (no signal), yet the alert must not resolve.
        while t < 60 {
            t += 2
            s.apply(.inspection(.failure(ProbeError(.io, "connection refused")), at: t, retryAt: t + 2))
        }
        #expect(s.alerts.alerts["worker.offline b@h"]?.state == .firing, "unknown is not back")
        #expect(s.alerts.alerts["worker.offline a@h"] == nil, "a was never seen failing")
    }

    @Test func noConsumersFromActiveQueuesOrFromClientList() {
        var s = ConsoleState()
        var redis = Fixture.redis(at: 0, depths: ["default": 5, "email": 3])
        redis.consumerHosts = [ConsumerHost(address: "10.0.0.5", waiting: 2)]
        var t = 0.0
        while t <= 40 {
            redis.takenAt = t
            s.apply(.redis(.success(redis), at: t, retryAt: t + 2))
            s.apply(
                .inspection(
                    .success(Self.round(at: t, receivers: 1, ["a@h"], queues: ["default"])), at: t, retryAt: t + 2))
            t += 2
        }
        #expect(s.alerts.alerts["queue.no_consumers email"]?.state == .firing, "nobody lists email in active_queues")
        #expect(s.alerts.alerts["queue.no_consumers default"] == nil)
        // The stalled scenario: the only worker of `default` freezes. Its connection stays, but it consumes nothing.
        while t <= 90 {
            redis.takenAt = t
            s.apply(.redis(.success(redis), at: t, retryAt: t + 2))
            s.apply(.inspection(.success(Self.round(at: t, receivers: 1, [])), at: t, retryAt: t + 2))
            t += 2
        }
        #expect(s.alerts.alerts["queue.no_consumers default"]?.state == .firing, "a frozen worker is no consumer")
        // Without queue sets, only the certain case fires: no BRPOP connection at all.
        var bare = ConsoleState()
        redis.consumerHosts = [ConsumerHost(address: "10.0.0.5", subscribers: 1, other: 3)]
        for i in 0...20 {
            redis.takenAt = Double(i * 2)
            bare.apply(.redis(.success(redis), at: redis.takenAt, retryAt: redis.takenAt + 2))
        }
        #expect(bare.alerts.alerts["queue.no_consumers default"]?.state == .firing)
        redis.consumerHosts = [ConsumerHost(address: "10.0.0.5", notPolling: 1, longestNotPolling: 30)]
        redis.takenAt = 50
        bare.apply(.redis(.success(redis), at: 50, retryAt: 52))
        #expect(
            bare.alerts.alerts["queue.no_consumers default"]?.state == .resolved,
            "a consumer that stopped polling still consumes")
    }
}
