import Testing

@testable import Model

/// The numbers Sentry's source defines (docs/reference/sentry-schema.md §3.5, §4): a test per table, so a slip in
/// an enum fails here before it writes a wrong row.
@Suite struct SentryVocabularyTests {
    @Test func activityTypes() {
        let table: [(ActivityType, Int)] = [
            (.setResolved, 1), (.setUnresolved, 2), (.setIgnored, 3), (.assigned, 11), (.unassigned, 12),
            (.markReviewed, 23),
        ]
        for (type, number) in table { #expect(type.rawValue == number, "\(type)") }
    }

    @Test func groupHistoryStatusesAreZeroToSeventeenInSentrysOrder() {
        let names: [GroupHistoryStatus] = [
            .unresolved, .resolved, .autoResolved, .ignored, .unignored, .assigned, .unassigned, .regressed, .deleted,
            .deletedAndDiscarded, .reviewed, .setResolvedInRelease, .setResolvedInCommit, .setResolvedInPullRequest,
            .escalating, .archivedUntilEscalating, .archivedForever, .archivedUntilConditionMet,
        ]
        #expect(names.map(\.rawValue) == Array(0...17))
    }
}
