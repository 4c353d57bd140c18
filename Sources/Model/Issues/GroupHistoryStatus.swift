/// `sentry_grouphistory.status`, Sentry's `GroupHistoryStatus` (src/sentry/models/grouphistory.py; facts in
/// docs/reference/sentry-schema.md §4). Every value is listed so a number read back can be named.
public enum GroupHistoryStatus: Int, Sendable {
    case unresolved = 0
    case resolved = 1
    case autoResolved = 2
    case ignored = 3
    case unignored = 4
    case assigned = 5
    case unassigned = 6
    case regressed = 7
    case deleted = 8
    case deletedAndDiscarded = 9
    case reviewed = 10
    case setResolvedInRelease = 11
    case setResolvedInCommit = 12
    case setResolvedInPullRequest = 13
    case escalating = 14
    case archivedUntilEscalating = 15
    case archivedForever = 16
    case archivedUntilConditionMet = 17
}
