import Synchronization

/// A continuation that the first of several racers resumes; later `resume` calls are ignored. Invariant: `arm`
/// runs before any racer starts (the caller arms inside `withCheckedContinuation`, then spawns the racers), so
/// the continuation is resumed exactly once.
final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<Value, Never>?>(nil)

    func arm(_ c: CheckedContinuation<Value, Never>) {
        continuation.withLock { $0 = c }
    }

    func resume(_ value: Value) {
        let c = continuation.withLock { c in
            defer { c = nil }
            return c
        }
        c?.resume(returning: value)
    }
}
