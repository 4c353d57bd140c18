import Foundation
import Model

/// Appends a recording to a directory: hourly segments of one-minute gzip members, each append sync-flushed.
/// Invariants: one writer per directory (a lock), a segment never reopened after a restart (a torn tail stays
/// at the end of its own file), retention deletes whole segments, oldest first, never the one being written.
public final class RecordingWriter {
    public struct Options: Sendable {
        /// Segments whose last write is older than this are deleted (default 7 days).
        public var retainSeconds: Double = 7 * 86400
        /// The directory's segments are kept under this many bytes (default 500 MB), oldest deleted first.
        public var maxBytes: Int64 = 500_000_000
        public var memberSeconds: Double = 60
        public var segmentSeconds: Double = 3600

        public init() {}
    }

    public let directory: String
    private let options: Options
    private var header: RecordingHeader
    private var lock: DirectoryLock?
    private var segment: SegmentFile?
    private var member: GzipMember?
    private var memberSlot = Int64.min
    private var segmentSlot = Int64.min
    private let encoder = JSONEncoder()
    private var failure: RecordingError?
    /// The sampling interval now (set when `+`/`-` change it): written at every member's start and on change.
    public var interval: Double
    private var intervalWritten: Double?
    /// Compressed bytes written since this writer started.
    public private(set) var bytesWritten: Int64 = 0

    /// Creates `directory` if needed, takes its lock and applies retention; throws what the operator must fix.
    public init(directory: String, header: RecordingHeader, options: Options = Options()) throws(RecordingError) {
        self.directory = directory
        self.header = header
        self.options = options
        interval = header.interval
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RecordingError("cannot create \(directory): \(Errno.text())")
        }
        guard access(directory, W_OK) == 0 else {
            throw RecordingError("\(directory) is not writable: \(Errno.text())")
        }
        lock = try DirectoryLock(directory: directory)
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        RetentionPolicy(directory: directory, options: options).apply(keeping: nil, now: header.started)
    }

    /// Appends `entries` (those not recordable are skipped) as of `now`; after a failure every append throws it.
    public func append(_ entries: [RecordEntry], now: Double) throws(RecordingError) {
        if let failure { throw failure }
        do {
            try rotate(now: now)
            var text: [UInt8] = []
            // A member's first line after the header says the interval, so a seek into it knows it.
            var lines = entries
            if intervalWritten != interval {
                lines.insert(.interval(seconds: interval, at: entries.map(\.time).min() ?? now), at: 0)
                intervalWritten = interval
            }
            for entry in lines {
                if case .event(let e) = entry, !e.isRecordable { continue }
                guard let line = try? encoder.encode(entry) else { continue }
                text += line
                text.append(0x0A)
            }
            guard !text.isEmpty, let member, let segment else { return }
            let bytes = member.append(text)
            try segment.write(bytes)
            bytesWritten += Int64(bytes.count)
        } catch {
            failure = error
            member = nil
            segment = nil
            throw error
        }
    }

    /// Ends the open member (so `zcat` sees a complete stream), closes the segment and releases the directory
    /// (a closed writer appends nothing more).
    public func close() {
        closeSegment()
        lock = nil
        failure = failure ?? RecordingError("the recording was closed")
    }

    private func closeSegment() {
        if let member, let segment { try? segment.write(member.finish()) }
        member = nil
        segment = nil
    }

    private func rotate(now: Double) throws(RecordingError) {
        let seg = Int64((now / options.segmentSeconds).rounded(.down))
        let slot = Int64((now / options.memberSeconds).rounded(.down))
        if segment == nil || seg != segmentSlot {
            closeSegment()
            let file = try SegmentFile(directory: directory, started: now)
            header.started = now
            segment = file
            segmentSlot = seg
            memberSlot = Int64.min
            RetentionPolicy(directory: directory, options: options).apply(keeping: file.path, now: now)
        }
        guard slot != memberSlot, let segment else { return }
        if let member { try segment.write(member.finish()) }
        let next = try GzipMember()
        encoder.userInfo[RecordingContext.key] = RecordingContext()
        try segment.indexMember(time: now)
        member = next
        memberSlot = slot
        // Every member opens with the header: any member can be read on its own.
        if let line = try? encoder.encode(header) { try segment.write(next.append(line + [0x0A])) }
        intervalWritten = nil
    }
}
