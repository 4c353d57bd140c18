/// Where Sentry's background tasks can be observed from here; `unknown` is never displayed as zero.
public enum TaskBackend: String, Sendable, Equatable, Codable {
    /// Celery queues on Redis: depths are real.
    case celeryRedis = "celery-redis"
    /// Sentry ≥ 25.10: tasks go through Kafka/taskbroker, not visible in Redis.
    case taskbroker
    /// No Celery keys and nothing says why: depths are unknown.
    case unknown

    /// Decides from what each side shows; `redis == nil` means Redis is not reachable.
    public static func detect(redis: RedisSnapshot?, install: SentryInstall?, threshold: Int) -> TaskBackend {
        guard let redis else { return .unknown }
        if redis.broker == .celery { return .celeryRedis }
        if install?.tasksOnTaskbroker(threshold: threshold) == true { return .taskbroker }
        return .unknown
    }
}
