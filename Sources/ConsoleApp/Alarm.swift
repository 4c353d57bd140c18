import Dispatch
import Foundation

/// A sleep that another party can cut short: `wait(seconds:)` returns when its time is up or when `ring()` is
/// called, whichever comes first. Samplers wait on one instead of waking every few hundred milliseconds to poll
/// for news — an idle console then costs almost no CPU wake-ups.
public final class Alarm: @unchecked Sendable {
    // Invariant: `waiter`, `generation` and `rung` are only touched with `lock` held; a continuation is resumed
    // exactly once; a timer ends only the wait that started it (its generation), never a later one.
    private let lock = NSLock()
    private var waiter: CheckedContinuation<Void, Never>?
    private var generation = 0
    private var rung = false

    public init() {}

    /// Sleeps up to `seconds`; returns early (at once, if it was rung while nobody waited) when rung.
    public func wait(seconds: Double) async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            lock.lock()
            if rung {
                rung = false
                lock.unlock()
                c.resume()
                return
            }
            generation += 1
            let mine = generation
            waiter = c
            lock.unlock()
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0, seconds)) { [weak self] in
                self?.expire(mine)
            }
        }
    }

    /// Ends the current wait now, or the next one as soon as it starts.
    public func ring() {
        lock.lock()
        let c = waiter
        waiter = nil
        if c == nil { rung = true }
        lock.unlock()
        c?.resume()
    }

    /// Whether a wait is in progress (for tests that must ring a wait, not the next one).
    var isWaiting: Bool { lock.withLock { waiter != nil } }

    /// Whether the alarm was rung while nobody waited; clears it (for clocks that do not sleep for real).
    public func takeRing() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let r = rung
        rung = false
        return r
    }

    /// The number of the current (or last) wait; a timer carries the number of the wait that started it.
    var currentWait: Int { lock.withLock { generation } }

    /// Ends wait number `wait` if it is still the one in progress (its timer fired); otherwise does nothing.
    func expire(_ wait: Int) {
        lock.lock()
        guard wait == generation, let c = waiter else {
            lock.unlock()
            return
        }
        waiter = nil
        lock.unlock()
        c.resume()
    }
}
