/// A bounded ring buffer of timestamped values: memory never exceeds `capacity` points; points are kept in
/// the order they were appended (callers append with non-decreasing time).
public struct Series: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var time: Double
        public var value: Double
        public init(time: Double, value: Double) {
            self.time = time
            self.value = value
        }
    }

    public let capacity: Int
    private var storage: [Point] = []
    private var head = 0  // index of the oldest point once full

    public init(capacity: Int) {
        precondition(capacity > 0, "a series needs room for at least one point")
        self.capacity = capacity
        storage.reserveCapacity(capacity)
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    /// Points oldest first.
    public var points: [Point] {
        storage.count < capacity ? storage : Array(storage[head...] + storage[..<head])
    }

    public var last: Point? {
        guard !storage.isEmpty else { return nil }
        return storage.count < capacity ? storage.last : storage[(head + capacity - 1) % capacity]
    }

    public mutating func append(time: Double, value: Double) {
        let p = Point(time: time, value: value)
        if storage.count < capacity {
            storage.append(p)
        } else {
            storage[head] = p
            head = (head + 1) % capacity
        }
    }

    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        head = 0
    }

    /// Points with `time >= since`, oldest first.
    public func points(since: Double) -> [Point] { points.filter { $0.time >= since } }

    /// The last `n` values, oldest first (for sparklines).
    public func lastValues(_ n: Int) -> [Double] { points.suffix(n).map(\.value) }
}
