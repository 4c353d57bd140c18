import Foundation
import Testing

@testable import Model
@testable import Probes

extension LiveServers {
    /// Acknowledgements shared between two consoles through real Redis: one publishes, the other's next sample
    /// sees it; withdrawal and expiry; nothing but the console's own hash is touched.
    @Suite(.enabled(if: TestBed.enabled, "needs scripts/servers (SENTRY_CONSOLE_TEST_*)"), .serialized)
    struct SharedSilenceIntegrationTests {
        static let db = 14

        func source() throws -> RedisSource {
            var c = RedisSource.Configuration(
                endpoint: try RedisEndpoint.parse("redis://127.0.0.1:\(TestBed.redisPort)/\(Self.db)"))
            c.queues.includeSentryQueues = false
            return RedisSource(c)
        }

        @Test func oneConsolePublishesTheOtherSeesWhoAcknowledged() async throws {
            try TestBed.redis(Self.db, "FLUSHDB")
            try TestBed.redis(Self.db, "LPUSH", "celery", "a", "b")
            let a = try source()
            let b = try source()
            let now = Date().timeIntervalSince1970
            #expect(
                await a.publishSilence(key: "db.connections", .init(by: "dana@example.com", at: now, until: nil)) == nil
            )
            let seen = try await b.sample().get()
            #expect(
                seen.sharedSilences?["db.connections"]
                    == AlertEngine.Silence(by: "dana@example.com", at: now, until: nil))
            let ttl = Int(try TestBed.redis(Self.db, "TTL", SilenceBoard.key)) ?? -1
            #expect((3500...3600).contains(ttl), "short TTL on the board, got \(ttl)")

            var state = ConsoleState()
            state.apply(.redis(.success(seen), at: now, retryAt: now + 2))
            #expect(state.alerts.silenced["db.connections"]?.by == "dana@example.com")

            let until = now + 1800
            #expect(
                await a.publishSilence(
                    key: "queue.stalled:celery", .init(by: "dana@example.com", at: now, until: until)) == nil)
            #expect(await a.publishSilence(key: "db.connections", nil) == nil)
            let after = try await b.sample().get()
            #expect(after.sharedSilences?.keys.sorted() == ["queue.stalled:celery"])
            #expect(after.sharedSilences?["queue.stalled:celery"]?.until == until)

            // An expired entry is ignored by readers and pruned by the next writer.
            try TestBed.redis(Self.db, "HSET", SilenceBoard.key, "old", #"{"by":"x","at":1,"expires":2}"#)
            #expect(try await b.sample().get().sharedSilences?["old"] == nil)
            #expect(await a.publishSilence(key: "queue.stalled:celery", nil) == nil)
            #expect(try TestBed.redis(Self.db, "HLEN", SilenceBoard.key) == "0")
            #expect(try TestBed.redis(Self.db, "LLEN", "celery") == "2", "Celery's keys untouched")
            let keys = try TestBed.redis(Self.db, "--scan").split(whereSeparator: \.isNewline).map(String.init)
            #expect(keys.allSatisfy { $0 == "celery" || $0 == SilenceBoard.key })
        }

        @Test func hostileBoardEntriesAreSanitized() async throws {
            try TestBed.redis(Self.db, "FLUSHDB")
            let now = Date().timeIntervalSince1970
            try TestBed.redis(
                Self.db, "HSET", SilenceBoard.key, "k\u{1B}[2J",
                #"{"by":"\u001b]0;pwned\u0007eve","at":1,"expires":\#(now + 60)}"#)
            try TestBed.redis(Self.db, "HSET", SilenceBoard.key, "bad", "not json")
            let s = try await source().sample().get().sharedSilences ?? [:]
            #expect(s.count == 1)
            let (key, value) = try #require(s.first)
            #expect(
                !key.unicodeScalars.contains { $0.value == 0x1B }
                    && !value.by.unicodeScalars.contains { $0.value < 0x20 })
            #expect(value.by.hasSuffix("eve"))
        }
    }
}
