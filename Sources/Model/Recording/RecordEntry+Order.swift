extension [RecordEntry] {
    /// The entries by time; entries with the same time keep their order (samplers report a little out of step,
    /// and replay needs one order).
    public var inTimeOrder: [RecordEntry] {
        enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }
}
