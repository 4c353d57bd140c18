import Synchronization

/// The number of connections being served, with an admission limit. Invariant: `enter` succeeds only below
/// the limit, and every successful `enter` is matched by one `leave`.
final class ConnectionCount: Sendable {
    private let count = Mutex(0)

    func enter(limit: Int) -> Bool {
        count.withLock { n in
            guard n < limit else { return false }
            n += 1
            return true
        }
    }

    func leave() { count.withLock { $0 -= 1 } }
}
