/// The console's samplers, one per feed; effects name them to wake one early.
public enum SamplerID: String, CaseIterable, Hashable, Sendable {
    case postgres, redis, events, pidbox, issues
}
