/// When a sampler samples next. Fixed-rate while healthy: the next sample is due one interval after the previous
/// was due (not after it finished), so samplers started together stay in phase and share one frame. After a
/// failure: exponential backoff 1, 2, 4 … 30 s from now. A ring re-phases: the next period starts when it rang.
public struct SamplerSchedule: Equatable, Sendable {
    public private(set) var failures = 0
    public private(set) var due: Double

    public init(start: Double) { due = start }

    /// Seconds to wait after `failures` consecutive failures (1 s doubling, at most 30 s).
    public static func backoff(failures: Int) -> Double {
        failures <= 0 ? 0 : min(30, Double(1 << min(failures - 1, 5)))
    }

    /// A sample finished at `now`; returns when the next one is due.
    public mutating func completed(success: Bool, now: Double, interval: Double) -> Double {
        failures = success ? 0 : failures + 1
        if failures == 0 {
            due = due + interval > now ? due + interval : now + interval
        } else {
            due = now + Self.backoff(failures: failures)
        }
        return due
    }

    /// Woke at `now`: early (rung) moves the next period's start to now; on time changes nothing.
    public mutating func woke(now: Double) { due = min(due, now) }

    /// Sampling resumes at `now` after a pause.
    public mutating func resumed(now: Double) { due = now }
}
