import Synchronization

/// A continuation that the first of several racers resumes; later `resume` calls are ignored. Invariant: `arm`
/// runs before any racer starts (the caller arms inside `withCheckedContinuation`, then spawns the racers), so
/// the continuation is resumed exactly once.
public final class ResumeOnce<Value: Sendable>: Sendable {
    public init() {}
    private let continuation = Mutex<CheckedContinuation<Value, Never>?>(nil)

    public func arm(_ c: CheckedContinuation<Value, Never>) {
        continuation.withLock { $0 = c }
    }

    public func resume(_ value: Value) {
        let c = continuation.withLock { c in
            defer { c = nil }
            return c
        }
        c?.resume(returning: value)
    }
}
