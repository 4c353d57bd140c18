import Foundation
import Testing

@testable import Model
@testable import Probes

extension LiveServers {
    /// `CLIENT LIST` (O(clients) for Redis) at its slow cadence, and the idle-consumer count that follows workers
    /// between reads through `INFO`'s `blocked_clients`: checked with `INFO commandstats` on a private server and
    /// real blocked connections (BRPOP on the broker db and on another db).
    @Suite(.enabled(if: TestBed.enabled, "needs scripts/servers (SENTRY_CONSOLE_TEST_*)"), .serialized)
    struct ClientListCadenceTests {
        /// A connection blocked in `BRPOP` on `db` for `seconds` (on its own thread), like an idle Celery consumer.
        final class Blocker: @unchecked Sendable {
            let conn: RedisConnection

            init(port: Int, db: Int, seconds: Int) throws {
                conn = try RedisConnection(
                    try RedisEndpoint.parse("redis://127.0.0.1:\(port)/\(db)"), connectTimeoutMs: 2000,
                    commandTimeoutMs: (seconds + 5) * 1000, name: "test-blocker")
                Thread.detachNewThread { _ = try? self.conn.command("BRPOP", "nothing-here", String(seconds)) }
            }
        }

        func calls(_ port: Int, _ cmd: String) throws -> Int {
            let info = try TestBed.run("redis-cli", ["-p", String(port), "INFO", "commandstats"])
            guard let line = info.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("cmdstat_\(cmd):") }),
                let r = line.range(of: "calls=")
            else { return 0 }
            return Int(line[r.upperBound...].prefix { $0.isNumber }) ?? 0
        }

        func blocked(_ port: Int) throws -> Int {
            let info = try TestBed.run("redis-cli", ["-p", String(port), "INFO", "clients"])
            let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("blocked_clients:") }
            return Int(line?.dropFirst("blocked_clients:".count).prefix { $0.isNumber } ?? "") ?? -1
        }

        @Test func idleConsumersFollowWorkersBetweenReadsAndARequestReadsAtOnce() async throws {
            let port = try TestBed.freePort()
            let stop = try TestBed.privateRedis(port: port)
            defer { stop() }
            var c = RedisSource.Configuration(endpoint: try RedisEndpoint.parse("redis://127.0.0.1:\(port)/0"))
            c.queues.includeSentryQueues = false
            c.queues.userQueues = ["jobs"]
            let src = RedisSource(c)
            // Another app's consumer, blocked on db 3, exists before the first (calibrating) CLIENT LIST.
            _ = try Blocker(port: port, db: 3, seconds: 20)
            #expect(try await TestBed.eventually(5) { try blocked(port) == 1 })
            let first = try await src.sample().get()
            #expect(first.waitingConsumerCount == 0, "the db-3 client is not a consumer of db 0")
            #expect(first.otherBlockedClients == 1)
            let lists = try calls(port, "client|list")
            // Two consumers of db 0 start waiting: the next refreshes count them without reading CLIENT LIST.
            _ = try Blocker(port: port, db: 0, seconds: 20)
            _ = try Blocker(port: port, db: 0, seconds: 20)
            #expect(try await TestBed.eventually(5) { try blocked(port) == 3 })
            let live = try await src.sample().get()
            #expect(live.waitingConsumerCount == 2, "blocked_clients 3 minus the db-3 one")
            #expect(live.consumerHostsAt == first.consumerHostsAt, "the per-address figures keep their age")
            #expect(
                try calls(port, "client|list") == lists, "no CLIENT LIST between reads (60 s off the Workers screen)")
            // In view, the cadence is 10 s: still not due; a request (`c`) reads at once, once.
            _ = try await src.sample(clients: ClientListDemand(inView: true)).get()
            #expect(try calls(port, "client|list") == lists)
            let asked = try await src.sample(clients: ClientListDemand(inView: true, requests: 1)).get()
            #expect(try calls(port, "client|list") == lists + 1)
            #expect(asked.consumerHosts?.reduce(0) { $0 + $1.waiting } == 2)
            #expect((asked.consumerHostsAt ?? 0) > (first.consumerHostsAt ?? 0))
            _ = try await src.sample(clients: ClientListDemand(inView: true, requests: 1)).get()
            #expect(try calls(port, "client|list") == lists + 1, "a request is served once")
        }
    }
}
