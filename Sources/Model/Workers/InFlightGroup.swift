/// Reserved-but-unacked messages of one routing key (element [2] of the `unacked` value), among the oldest
/// `InFlightGroup.sampleSize` entries of `unacked_index` (a bounded read, refreshed every few samples).
public struct InFlightGroup: Sendable, Equatable, Codable {
    /// How many of the oldest in-flight entries are read to attribute them.
    public static let sampleSize = 50

    public var routingKey: String
    public var count: Int
    public var oldestSeconds: Double

    public init(routingKey: String, count: Int, oldestSeconds: Double) {
        self.routingKey = routingKey
        self.count = count
        self.oldestSeconds = oldestSeconds
    }
}
