/// Postgres backends of one client address (`host(client_addr)`, "local" for Unix sockets), by state, so a
/// worker host holding many idle-in-transaction connections shows next to its Redis consumers.
public struct ClientConnections: Sendable, Equatable, Codable {
    public var address: String
    public var total: Int
    public var active: Int
    public var idleInTransaction: Int
    /// The applications with most backends from this address (at most `maxApplications`: the Workers screen
    /// shows as many whole names as fit, then "+N" for the rest, so N must count them all).
    public var applications: [NamedCount]
    public static let maxApplications = 20

    public init(address: String, total: Int, active: Int, idleInTransaction: Int, applications: [NamedCount]) {
        self.address = address
        self.total = total
        self.active = active
        self.idleInTransaction = idleInTransaction
        self.applications = applications
    }
}
