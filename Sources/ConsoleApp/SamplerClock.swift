import Foundation

/// Time for samplers: what time it is, and a sleep an `Alarm` can cut short. Tests inject a virtual clock.
public protocol SamplerClock: Sendable {
    func now() -> Double
    /// Returns at `deadline` (epoch seconds) or when `alarm` rings, whichever is first.
    func sleep(until deadline: Double, alarm: Alarm) async
}

/// The wall clock and a real sleep.
public struct SystemClock: SamplerClock {
    public init() {}
    public func now() -> Double { Date().timeIntervalSince1970 }
    public func sleep(until deadline: Double, alarm: Alarm) async {
        await alarm.wait(seconds: deadline - now())
    }
}
