/// The first line of every segment: what wrote it, for which install, with which settings. Replay runs the
/// model with the recorded interval and thresholds, so a replayed alert fires when the live one did.
public struct RecordingHeader: Sendable, Equatable, Codable {
    /// The format this console writes; a reader refuses a newer one by name instead of misreading it.
    public static let currentFormat = 1

    public var type = "header"
    public var format: Int
    public var console: String
    /// When this segment was started (epoch seconds).
    public var started: Double
    /// Seconds between samples the recorder asked for.
    public var interval: Double
    /// The install: its name (the config context, if any) and the servers, without passwords.
    public var install: String
    public var postgres: String
    public var redis: String
    public var thresholds: AlertThresholds
    public var taskbrokerMigration: Int

    public init(
        console: String, started: Double, interval: Double, install: String, postgres: String, redis: String,
        thresholds: AlertThresholds, taskbrokerMigration: Int, format: Int = RecordingHeader.currentFormat
    ) {
        self.format = format
        self.console = console
        self.started = started
        self.interval = interval
        self.install = install
        self.postgres = postgres
        self.redis = redis
        self.thresholds = thresholds
        self.taskbrokerMigration = taskbrokerMigration
    }
}
