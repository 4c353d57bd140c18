import Probes

/// The probes a recorder samples.
struct RecorderFeeds: Sendable {
    let postgres: PostgresSource
    let redis: RedisSource
    let listener: EventListener
    let pidbox: PidboxClient?
}
