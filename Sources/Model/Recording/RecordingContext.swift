/// What a run of recorded lines (one gzip member) shares, through `userInfo`: the last list of empty queues,
/// so an unchanged list is written as `"idleSame": true`. A new context per member keeps members independent.
public final class RecordingContext: @unchecked Sendable {
    public static let key = CodingUserInfoKey(rawValue: "sentry-console.recording")!
    var idle: [IdleQueue]?

    public init() {}

    /// Forgets the run (a member's header line starts a new one).
    public func reset() { idle = nil }
}
