import Foundation

/// Deletes whole segments (with their indexes), oldest first: those last written more than the retention ago,
/// then as many as it takes to bring the directory under its byte limit. The active segment is never deleted.
struct RetentionPolicy {
    let directory: String
    let options: RecordingWriter.Options

    /// Returns the names deleted.
    @discardableResult
    func apply(keeping active: String?, now: Double) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter(SegmentName.isSegment).sorted()
        var files: [(name: String, size: Int64, mtime: Double)] = []
        for name in names {
            var st = stat()
            guard stat(directory + "/" + name, &st) == 0 else { continue }
            files.append((name, Int64(st.st_size), Double(st.st_mtim.tv_sec)))
        }
        var total = files.reduce(Int64(0)) { $0 + $1.size }
        var deleted: [String] = []
        for f in files where directory + "/" + f.name != active {
            guard now - f.mtime > options.retainSeconds || total > options.maxBytes else { continue }
            unlink(directory + "/" + f.name)
            unlink(directory + "/" + f.name + SegmentName.indexSuffix)
            total -= f.size
            deleted.append(f.name)
        }
        return deleted
    }
}
