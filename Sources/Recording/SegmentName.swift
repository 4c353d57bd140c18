import Model

/// Segment files are named by their start time in UTC, so names sort by time: `20261130-024700.ndjson.gz`,
/// with the index beside it (`….idx`: one `offset time` line per one-minute gzip member).
enum SegmentName {
    static let suffix = ".ndjson.gz"
    static let indexSuffix = ".idx"

    /// The file name for a segment started at `time` (epoch seconds).
    static func name(startingAt time: Double) -> String { CivilTime(time).compact + suffix }

    /// Whether a directory entry is a segment.
    static func isSegment(_ file: String) -> Bool {
        file.hasSuffix(suffix) && file.count == 15 + suffix.count && file.first?.isNumber == true
    }
}
