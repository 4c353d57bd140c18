/// Static facts for the header bar: what the console is connected to and in which mode.
public struct HeaderInfo: Equatable, Sendable {
    public var postgresTarget: String
    public var redisTarget: String
    public var writeMode: Bool
    /// Seconds east of UTC for the clock and "since" times.
    public var utcOffset: Int

    public init(postgresTarget: String, redisTarget: String, writeMode: Bool = false, utcOffset: Int = 0) {
        self.postgresTarget = postgresTarget
        self.redisTarget = redisTarget
        self.writeMode = writeMode
        self.utcOffset = utcOffset
    }
}
