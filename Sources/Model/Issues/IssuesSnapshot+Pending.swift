extension IssuesSnapshot {
    /// This snapshot with each row whose pending buffer count is unknown (the broker did not answer in time) given
    /// the one `previous` had for it, if its stored `times_seen` has not moved since: a count that has not been
    /// flushed is still pending. A row whose stored count moved keeps it unknown (the old pending was flushed).
    public func carryingPending(from previous: IssuesSnapshot?) -> IssuesSnapshot {
        guard let previous, rows.contains(where: { $0.pendingTimesSeen == nil }) else { return self }
        var known: [Int64: (stored: Int64, pending: Int64)] = [:]
        for r in previous.rows {
            if let p = r.pendingTimesSeen { known[r.id] = (r.timesSeen, p) }
        }
        var out = self
        for i in out.rows.indices where out.rows[i].pendingTimesSeen == nil {
            if let k = known[out.rows[i].id], k.stored == out.rows[i].timesSeen {
                out.rows[i].pendingTimesSeen = k.pending
            }
        }
        return out
    }
}
