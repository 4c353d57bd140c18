/// A sampler's interval and whether sampling is paused, read before every sample.
public struct SamplerCadence: Equatable, Sendable {
    public var interval: Double
    public var paused: Bool

    public init(interval: Double, paused: Bool) {
        self.interval = interval
        self.paused = paused
    }
}
