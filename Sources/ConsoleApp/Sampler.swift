import Model

/// One feed's loop: sample, report, wait on `alarm` until the schedule says the next sample is due. Nothing is
/// sampled while paused. Runs until its task is cancelled.
public struct Sampler<Value: Sendable>: Sendable {
    public typealias Cadence = SamplerCadence

    public let clock: any SamplerClock
    public let alarm: Alarm
    public let cadence: @Sendable () async -> Cadence
    public let sample: @Sendable () async -> Result<Value, ProbeError>
    /// The result, when it was taken, and when the next sample is due (shown as "retrying in …").
    public let report: @Sendable (Result<Value, ProbeError>, _ at: Double, _ next: Double) async -> Void

    public init(
        clock: any SamplerClock = SystemClock(), alarm: Alarm, cadence: @escaping @Sendable () async -> Cadence,
        sample: @escaping @Sendable () async -> Result<Value, ProbeError>,
        report: @escaping @Sendable (Result<Value, ProbeError>, Double, Double) async -> Void
    ) {
        self.clock = clock
        self.alarm = alarm
        self.cadence = cadence
        self.sample = sample
        self.report = report
    }

    public func run() async {
        var schedule = SamplerSchedule(start: clock.now())
        while !Task.isCancelled {
            if await cadence().paused {
                await clock.sleep(until: clock.now() + 1, alarm: alarm)
                schedule.resumed(now: clock.now())
                continue
            }
            let result = await sample()
            let now = clock.now()
            var success = true
            var unreachable = false
            if case .failure(let error) = result {
                success = false
                unreachable = error.isUnreachable
            }
            let due = schedule.completed(
                success: success, now: now, interval: await cadence().interval, unreachable: unreachable)
            await report(result, now, due)
            await clock.sleep(until: due, alarm: alarm)
            schedule.woke(now: clock.now())
        }
    }
}
