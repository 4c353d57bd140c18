import Foundation
import Testing

@testable import Model

/// `issues --json` and recordings carry the id people copy (`API-1A`), and the number behind it.
@Suite struct IssueRowCodingTests {
    static let row = IssueRow(
        id: 4711, projectId: 2, projectSlug: "payments-service", organizationSlug: "acme", shortId: 1_234_567,
        level: 40, title: "KeyError", culprit: "app", status: IssueStatus(status: 0, substatus: 7), timesSeen: 9,
        firstSeen: 100, lastSeen: 200, assignee: .none, bookmarked: true, inInbox: false, priority: 50)

    @Test func theDisplayIdIsTheShortIdAndTheNumberIsKept() throws {
        let data = try JSONEncoder().encode(Self.row)
        let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(obj["shortId"] as? String == Self.row.displayId && Self.row.displayId.hasPrefix("PAYMENTS-SERVICE-"))
        #expect(obj["shortIdNumber"] as? Int == 1_234_567)
        var noId = Self.row
        noId.shortId = nil
        let bare = try #require(
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(noId)) as? [String: Any])
        #expect(bare["shortId"] as? String == "#4711")
        #expect(bare["shortIdNumber"] is NSNull)
    }

    @Test func itRoundTrips() throws {
        var row = Self.row
        row.pendingTimesSeen = 3
        #expect(try JSONDecoder().decode(IssueRow.self, from: try JSONEncoder().encode(row)) == row)
    }
}
