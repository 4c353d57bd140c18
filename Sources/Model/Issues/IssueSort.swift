/// Orders of the issue stream. `trending` is computed locally from `times_seen` deltas over the most
/// recently seen candidates; the others are index-backed `ORDER BY`s on the server.
public enum IssueSort: String, CaseIterable, Equatable, Sendable, Codable {
    case lastSeen, trending, timesSeen, firstSeen

    public var label: String {
        switch self {
        case .lastSeen: return "last seen"
        case .trending: return "events/min"
        case .timesSeen: return "times seen"
        case .firstSeen: return "first seen (newest)"
        }
    }

    public var next: IssueSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
