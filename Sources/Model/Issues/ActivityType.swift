/// `sentry_activity.type`, the numbers of Sentry's `ActivityType` (src/sentry/types/activity.py; facts in
/// docs/reference/sentry-schema.md §3.5). Only the types the console writes are named: a wrong number here
/// writes a wrong timeline entry into someone's production database.
public enum ActivityType: Int, Sendable {
    case setResolved = 1
    case setUnresolved = 2
    case setIgnored = 3
    case assigned = 11
    case unassigned = 12
    case markReviewed = 23
}
