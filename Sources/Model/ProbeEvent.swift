/// What a sampler reports to the store: one probe result, stamped with when it arrived.
public enum ProbeEvent: Sendable {
    case postgres(Result<PostgresSnapshot, ProbeError>, at: Double, retryAt: Double)
    case redis(Result<RedisSnapshot, ProbeError>, at: Double, retryAt: Double)
}
