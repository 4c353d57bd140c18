import Dispatch
import Foundation

/// SIGINT, SIGTERM and SIGHUP for a headless loop: they set `requested` and cut the current sleep short, so the
/// loop finishes its round, closes its files and exits 0.
final class StopSignals: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var waiter: CheckedContinuation<Void, Never>?
    private var sources: [DispatchSourceSignal] = []

    init() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler { [weak self] in self?.fire() }
            s.resume()
            sources.append(s)
        }
    }

    var requested: Bool { lock.withLock { stopped } }

    private func fire() {
        let w: CheckedContinuation<Void, Never>? = lock.withLock {
            stopped = true
            defer { waiter = nil }
            return waiter
        }
        w?.resume()
    }

    /// Sleeps `seconds`, or less when a stop signal arrives.
    func sleep(seconds: Double) async {
        guard seconds > 0 else { return }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let done: Bool = lock.withLock {
                if stopped { return true }
                waiter = c
                return false
            }
            if done { c.resume() }
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [weak self] in
                let w: CheckedContinuation<Void, Never>? = self?.lock.withLock {
                    defer { self?.waiter = nil }
                    return self?.waiter
                }
                w?.resume()
            }
        }
    }
}
