/// One refresh of the issue stream: the rows for a query and sort, and what shaped them.
public struct IssuesSnapshot: Equatable, Sendable, Codable {
    public var rows: [IssueRow]
    public var query: String
    public var sort: IssueSort
    /// Free text was matched among only this many most recent candidates (nil when no text term).
    public var textWindow: Int?
    /// Schema notes worth showing (e.g. "no priority column (23.x)").
    public var schemaNotes: [String]
    /// Server time taken for the stream query, milliseconds (client-measured round trip).
    public var elapsedMs: Double
    public var takenAt: Double

    public init(
        rows: [IssueRow], query: String, sort: IssueSort, textWindow: Int? = nil, schemaNotes: [String] = [],
        elapsedMs: Double = 0, takenAt: Double
    ) {
        self.rows = rows
        self.query = query
        self.sort = sort
        self.textWindow = textWindow
        self.schemaNotes = schemaNotes
        self.elapsedMs = elapsedMs
        self.takenAt = takenAt
    }
}
