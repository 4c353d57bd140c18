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
            // Grown by doubling up to exactly `capacity`: most per-issue series hold a few points, and reserving
            // the whole ring up front cost ~2 MB for the 1,000 issues tracked.
            if storage.count == storage.capacity { storage.reserveCapacity(min(capacity, max(4, storage.count * 2))) }
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

    public enum Combine: Sendable { case last, mean }

    /// One value per wall-clock-aligned bucket of `seconds`, for the last `n` buckets up to the one holding
    /// `now`, oldest first: the bucket's last value or mean. Buckets before the first point are left out; an
    /// empty bucket repeats the value before it (also the last point before the window). A sparkline drawn from this changes only its last cell
    /// between buckets and shifts once per bucket — cheap to redraw over SSH.
    public func buckets(_ n: Int, seconds: Double, now: Double, _ combine: Combine) -> [Double] {
        guard n > 0, seconds > 0, let first = points.first else { return [] }
        let end = (now / seconds).rounded(.down)
        let start = max(end - Double(n - 1), (first.time / seconds).rounded(.down))
        guard start <= end else { return [] }
        var sums = [Double](repeating: 0, count: Int(end - start) + 1)
        var counts = [Int](repeating: 0, count: sums.count)
        var lasts = [Double?](repeating: nil, count: sums.count)
        for p in points {
            let i = Int((p.time / seconds).rounded(.down) - start)
            guard i >= 0, i < sums.count else { continue }
            sums[i] += p.value
            counts[i] += 1
            lasts[i] = p.value
        }
        var out: [Double] = []
        out.reserveCapacity(sums.count)
        var previous = points.last { ($0.time / seconds).rounded(.down) < start }?.value
        for i in sums.indices {
            let v: Double? = counts[i] == 0 ? previous : combine == .last ? lasts[i] : sums[i] / Double(counts[i])
            if let v { out.append(v) }
            previous = v
        }
        return out
    }
}
