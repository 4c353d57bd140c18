/// A recorded stretch of time a replay can read: a recording on disk, or the live console's recent past.
/// Reads are local and bounded (a few minutes of entries per call), so a replay may call them from its loop.
public protocol Timeline: AnyObject {
    /// The recording's settings (interval, thresholds, install), from its first segment.
    var header: RecordingHeader { get }
    /// The first and last recorded times.
    var start: Double { get }
    var end: Double { get }
    /// Lines that could not be read (a crash's torn tail, damaged bytes), skipped.
    var tornRecords: Int { get }
    /// The entries with `from ≤ time ≤ through`, in time order.
    func entries(from: Double, through: Double) -> [RecordEntry]
}
