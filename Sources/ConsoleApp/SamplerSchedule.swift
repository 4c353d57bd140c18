/// When a sampler samples next. Fixed-rate while healthy: the next sample is due one interval after the previous
/// was due (not after it finished), so samplers started together stay in phase and share one frame. After a
/// failure: exponential backoff 1, 2, 4 … 30 s from now, but at most `reachabilityCadence` while the server is
/// unreachable (refused, timed out: one cheap attempt, so its return is seen within seconds; a server that answers
/// with a refusal backs off to 30 s). A ring re-phases: the next period starts when it rang.
public struct SamplerSchedule: Equatable, Sendable {
    public private(set) var failures = 0
    public private(set) var due: Double

    public init(start: Double) { due = start }

    /// The longest wait between attempts on an unreachable server.
    public static let reachabilityCadence = 2.0

    /// Seconds to wait after `failures` consecutive failures (1 s doubling, at most `cap`).
    public static func backoff(failures: Int, cap: Double = 30) -> Double {
        failures <= 0 ? 0 : min(cap, Double(1 << min(failures - 1, 5)))
    }

    /// A sample finished at `now` (`unreachable`: it failed because the server did not answer); returns when
    /// the next one is due.
    public mutating func completed(success: Bool, now: Double, interval: Double, unreachable: Bool = false) -> Double {
        failures = success ? 0 : failures + 1
        if failures == 0 {
            due = due + interval > now ? due + interval : now + interval
        } else {
            due = now + Self.backoff(failures: failures, cap: unreachable ? Self.reachabilityCadence : 30)
        }
        return due
    }

    /// Woke at `now`: early (rung) moves the next period's start to now; on time changes nothing.
    public mutating func woke(now: Double) { due = min(due, now) }

    /// Sampling resumes at `now` after a pause.
    public mutating func resumed(now: Double) { due = now }
}
