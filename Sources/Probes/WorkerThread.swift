import Foundation
import Model

/// A dedicated OS thread that runs submitted jobs one at a time, in order. Blocking C calls (libpq, hiredis)
/// run only here, never on Swift's cooperative pool, so a hung server can stall this thread but not the UI.
public final class WorkerThread: @unchecked Sendable {
    // Invariant: `jobs` and `stopped` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var stopped = false

    public init(name: String) {
        // The thread keeps its worker alive until `stop()` lets the loop end.
        let thread = Thread { self.loop() }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Runs `body` on the thread and returns its result to the awaiting task.
    public func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (c: CheckedContinuation<T, Never>) in
            submit { c.resume(returning: body()) }
        }
    }

    /// Queues a job; jobs submitted after `stop()` are dropped.
    public func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped else { return }
        jobs.append(job)
        condition.signal()
    }

    /// Lets queued jobs finish, then ends the thread.
    public func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty && stopped {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}

/// Holds a non-Sendable value that is only ever touched from jobs running on one `WorkerThread`.
/// The type system cannot check this; the invariant is kept by construction in the `*Source` classes.
final class ThreadConfined<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
