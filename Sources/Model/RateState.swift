/// The data quality of a derived rate, modelled on htop's meter states: a number is shown only in `.data`.
public enum RateState: Sendable, Equatable {
    /// Fewer than two comparable samples so far (first sample, or just after a counter reset).
    case initializing
    /// The source does not provide this counter (table missing, feature absent).
    case noData
    /// The last sample is older than the staleness limit; `lastRate` is the last known value.
    case stale(lastRate: Double)
    /// A fresh rate in units per second.
    case data(perSecond: Double)

    /// The rate when fresh, otherwise nil.
    public var perSecond: Double? {
        if case .data(let r) = self { return r }
        return nil
    }
}
