import Foundation
import Synchronization
import Testing

@testable import Model
@testable import Probes

/// A connection that is always usable (the owner's only question to it).
private final class FakeConnection: ServerConnection {
    var isHealthy: Bool { true }
}

/// How often `connect` ran, shared with the owner's thread.
private final class Attempts: Sendable {
    let count = Mutex(0)
    let fail = Mutex(true)
    /// Jobs handed to the owner so far: the first connect waits until `expected` of them are queued.
    let queued = Mutex(0)
    let expected = Mutex(0)
}

/// `ConnectionOwner`: jobs that waited while a connect attempt failed share its failure (one connect timeout
/// for a hung server, not one per queued job); a job queued after the failure tries again.
@Suite struct ConnectionOwnerTests {
    private func owner(_ attempts: Attempts) -> ConnectionOwner<FakeConnection, Int> {
        ConnectionOwner(
            name: "test.owner", state: 0,
            connect: { () throws(ProbeError) in
                attempts.count.withLock { $0 += 1 }
                // A connect timeout, shortened: it ends once every job of the test is queued behind it.
                while attempts.queued.withLock({ $0 }) < attempts.expected.withLock({ $0 }) { usleep(1000) }
                usleep(200_000)
                if attempts.fail.withLock({ $0 }) { throw ProbeError(.connect, "timeout expired") }
                return FakeConnection()
            })
    }

    @Test func jobsQueuedBehindAFailedConnectShareItsFailure() async {
        let attempts = Attempts()
        let o = owner(attempts)
        attempts.expected.withLock { $0 = 4 }
        let results = await withTaskGroup(of: Result<Int, ProbeError>.self) { group in
            for i in 0..<4 {
                group.addTask {
                    attempts.queued.withLock { $0 += 1 }
                    return await o.run { _, _ in i }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 4)
        for r in results {
            guard case .failure(let e) = r else {
                Issue.record("a job succeeded without a connection: \(r)")
                continue
            }
            #expect(e.message == "timeout expired")
        }
        #expect(attempts.count.withLock { $0 } == 1, "every queued job connected again")

        // A job queued after the failure tries again, and a working server is used from then on.
        attempts.fail.withLock { $0 = false }
        let after = await o.run { _, _ in 7 }
        #expect((try? after.get()) == 7)
        #expect(attempts.count.withLock { $0 } == 2)
        _ = await o.run { _, _ in 8 }
        #expect(attempts.count.withLock { $0 } == 2, "a healthy connection is kept")
    }
}
