import Testing

@testable import Model

/// The `CLIENT LIST` cadence (Redis time bounded per second whatever the number of clients) and the live
/// idle-consumer estimate between reads.
struct ClientListDemandTests {
    @Test func cadenceGrowsWithClientsSoTheAmortizedCostIsBounded() {
        let inView = ClientListDemand(inView: true)
        #expect(inView.interval(connectedClients: 50) == 10)
        #expect(inView.interval(connectedClients: 10_000) == 50)
        #expect(ClientListDemand.background.interval(connectedClients: 50) == 60)
        #expect(ClientListDemand.background.interval(connectedClients: 10_000) == 500)
        // ~2.5 µs of Redis time per client per read: ≤ 0.5 ms/s in view, ≤ 0.05 ms/s otherwise, at any size.
        for clients in [100, 1_000, 5_000, 10_000, 50_000] {
            let cost = 0.0025 * Double(clients)
            #expect(cost / inView.interval(connectedClients: clients) <= 0.5)
            #expect(cost / ClientListDemand.background.interval(connectedClients: clients) <= 0.05)
        }
    }

    func snapshot(listed: [Int]?, blocked: Int?, other: Int?) -> RedisSnapshot {
        var s = RedisSnapshot(
            takenAt: 0, db: 0, keyPrefix: "", broker: .celery, queues: [], inFlight: 0, oldestInFlightSeconds: nil,
            bufferBacklog: nil, stats: RedisStats())
        s.waitingConsumers = listed.map { $0.enumerated().map { NamedCount(name: "h\($0.offset)", count: $0.element) } }
        s.stats.blockedClients = blocked
        s.otherBlockedClients = other
        return s
    }

    @Test func idleConsumersAreLiveBetweenReadsAndUnknownWithoutTheList() {
        #expect(snapshot(listed: [2, 1], blocked: nil, other: nil).waitingConsumerCount == 3, "the list alone")
        #expect(snapshot(listed: [2, 1], blocked: 4, other: 1).waitingConsumerCount == 3)
        #expect(snapshot(listed: [2, 1], blocked: 1, other: 1).waitingConsumerCount == 0, "the consumers got busy")
        #expect(snapshot(listed: [2, 1], blocked: 0, other: 1).waitingConsumerCount == 0, "never negative")
        #expect(snapshot(listed: [], blocked: 6, other: 0).waitingConsumerCount == 6, "new consumers since the read")
        #expect(snapshot(listed: nil, blocked: 6, other: nil).waitingConsumerCount == nil, "CLIENT LIST refused")
    }
}
