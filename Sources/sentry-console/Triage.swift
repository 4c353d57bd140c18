import Model
import Probes

/// Everything write mode needs, present only when `--write` was given and validated at start-up: the writer
/// (its own read-write session), the acting Sentry user and the opened audit log.
struct Triage: Sendable {
    let writer: TriageWriter
    let actor: SentryUser
    let audit: AuditLog
}
