/// How one source did in the collection behind a scrape: up or not, and how long its sample took.
/// `source` is one of `postgres`, `redis`, `workers` (the heartbeat listener and, with `--inspect-workers`,
/// pidbox rounds).
public struct SourceReport: Sendable, Equatable {
    public var source: String
    public var up: Bool
    /// Wall time of the sample this scrape used (nil: none finished yet).
    public var durationSeconds: Double?

    public init(source: String, up: Bool, durationSeconds: Double?) {
        self.source = source
        self.up = up
        self.durationSeconds = durationSeconds
    }
}
