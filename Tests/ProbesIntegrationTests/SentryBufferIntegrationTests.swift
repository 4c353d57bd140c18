import Foundation
import Testing

@testable import Model
@testable import Probes

extension LiveServers {
    /// Pending counts from a real Redis: a hash's `i+times_seen`, nothing pending as 0, a key of another type as
    /// unknown; the HGETs count as the console's own commands. Db 4 holds only keys named after these ids.
    @Suite(.enabled(if: TestBed.enabled, "needs scripts/servers (SENTRY_CONSOLE_TEST_*)"), .serialized)
    struct SentryBufferIntegrationTests {
        static let db = 4

        @Test func pendingCountsAreReadAndCountedAsOurs() async throws {
            let ids: [Int64] = [9_100_000_001, 9_100_000_002, 9_100_000_003]
            let keys = ids.map { SentryBuffer.groupKey($0)! }
            defer { for k in keys { _ = try? TestBed.redis(Self.db, "DEL", k) } }
            try TestBed.redis(Self.db, "HSET", keys[0], "i+times_seen", "12", "m", "sentry.models.group.Group")
            try TestBed.redis(Self.db, "SET", keys[1], "not a hash")
            var c = RedisSource.Configuration(
                endpoint: try RedisEndpoint.parse("redis://127.0.0.1:\(TestBed.redisPort)/\(Self.db)"))
            c.queues.includeSentryQueues = false
            let source = RedisSource(c)
            let first = try await source.sample().get().consoleCommands
            let pending = await source.pendingTimesSeen(ids, within: 30)
            #expect(pending == [ids[0]: 12, ids[2]: 0], "WRONGTYPE is unknown, a missing key is 0")
            let second = try await source.sample().get().consoleCommands
            let third = try await source.sample().get().consoleCommands
            // The same sample plan twice in a row: the difference between the two gaps is the three HGETs.
            #expect((second - first) - (third - second) == Int64(ids.count), "\(first) \(second) \(third)")
        }
    }
}
