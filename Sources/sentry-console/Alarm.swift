import Dispatch
import Foundation

/// A sleep that another party can cut short: `wait(seconds:)` returns when the time is up or when `ring()`
/// is called, whichever comes first. Samplers wait on one instead of waking every few hundred milliseconds
/// to poll for news — an idle console then costs almost no CPU wake-ups.
final class Alarm: @unchecked Sendable {
    // Invariant: `waiter` and `rung` are only touched with `lock` held; a continuation is resumed exactly once.
    private let lock = NSLock()
    private var waiter: CheckedContinuation<Void, Never>?
    private var rung = false

    /// Sleeps up to `seconds`; returns early (at once, if it was rung while nobody waited) when rung.
    func wait(seconds: Double) async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            lock.lock()
            if rung {
                rung = false
                lock.unlock()
                c.resume()
                return
            }
            waiter = c
            lock.unlock()
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0, seconds)) { [weak self] in self?.fire(rang: false) }
        }
    }

    /// Ends the current wait now, or the next one as soon as it starts.
    func ring() { fire(rang: true) }

    private func fire(rang: Bool) {
        lock.lock()
        let c = waiter
        waiter = nil
        if c == nil && rang { rung = true }
        lock.unlock()
        c?.resume()
    }
}
