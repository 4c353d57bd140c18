/// Health of one data source: its latest good sample and, while it is failing, since when and why.
/// Invariant: `latest` is never cleared by a failure, so panels keep showing the last known data with its age.
public struct SourceState<Snapshot: Sendable & Equatable>: Sendable, Equatable {
    public private(set) var latest: Snapshot?
    public private(set) var lastSuccess: Double?
    /// Set while the source is failing; `since` is the first failure of the current outage.
    public private(set) var failure: Failure?

    public struct Failure: Sendable, Equatable {
        public var since: Double
        public var error: ProbeError
        public var retryAt: Double
    }

    public init() {}

    public mutating func succeeded(_ snapshot: Snapshot, at time: Double) {
        latest = snapshot
        lastSuccess = time
        failure = nil
    }

    public mutating func failed(_ error: ProbeError, at time: Double, retryAt: Double) {
        failure = Failure(since: failure?.since ?? time, error: error, retryAt: retryAt)
    }

    /// Seconds since the last good sample, nil when there never was one.
    public func age(now: Double) -> Double? { lastSuccess.map { max(0, now - $0) } }
}
