import Synchronization

/// A continuation that the first of several racers resumes; later `resume` calls are ignored. Invariant: the
/// continuation is resumed exactly once, whichever racer comes first (a racer that arrives before `arm` keeps
/// its value until the continuation is armed).
final class ResumeOnce<Value: Sendable>: Sendable {
    private struct Box {
        var continuation: CheckedContinuation<Value, Never>?
        var early: Value?
        var done = false
    }

    private let box = Mutex(Box())

    func arm(_ c: CheckedContinuation<Value, Never>) {
        let early: Value? = box.withLock { b in
            if let v = b.early, !b.done {
                b.done = true
                return v
            }
            b.continuation = c
            return nil
        }
        if let early { c.resume(returning: early) }
    }

    func resume(_ value: Value) {
        let c: CheckedContinuation<Value, Never>? = box.withLock { b in
            guard !b.done else { return nil }
            guard let c = b.continuation else {
                if b.early == nil { b.early = value }
                return nil
            }
            b.done = true
            b.continuation = nil
            return c
        }
        c?.resume(returning: value)
    }
}
