/// When the console reads `CLIENT LIST`, which costs the broker's main thread ~2.5 µs per connection (25 ms at
/// 10,000 clients, one stall): at a cadence that grows with the number of clients so its amortized cost stays
/// bounded — ≤ 0.5 ms of Redis time per second while its per-host figures are on screen, ≤ 0.05 ms/s otherwise —
/// and at once when asked. Every refresh reads `INFO` instead (`blocked_clients`, O(1)).
public struct ClientListDemand: Sendable, Equatable {
    /// The Workers screen (which lists connections per address) is in view.
    public var inView: Bool
    /// Read-now requests so far (a key on the Workers screen); a probe reads when this differs from the last
    /// one it served.
    public var requests: Int

    public init(inView: Bool = false, requests: Int = 0) {
        self.inView = inView
        self.requests = requests
    }

    /// Off screen (headless modes, other screens): the slow cadence.
    public static let background = ClientListDemand()

    /// Seconds between reads with `clients` connections: at least `floor` (10 s in view, 60 s otherwise).
    public func interval(connectedClients clients: Int, floor: Double = 10) -> Double {
        inView ? max(floor, Double(clients) / 200) : max(6 * floor, Double(clients) / 20)
    }
}
