import Foundation

/// One segment being appended to: its data file and its index, written with `write(2)` so every append is in
/// the kernel when `append` returns (a SIGKILL loses nothing written; a power cut, at most the page cache).
final class SegmentFile {
    let path: String
    let started: Double
    private let fd: Int32
    private let indexFD: Int32
    private(set) var size: Int64 = 0

    init(directory: String, started: Double) throws(RecordingError) {
        var name = SegmentName.name(startingAt: started)
        // Two starts within a second (a restart loop) must not append to each other's files.
        var n = 0
        while FileManager.default.fileExists(atPath: directory + "/" + name) {
            n += 1
            name = SegmentName.name(startingAt: started + Double(n))
        }
        path = directory + "/" + name
        self.started = started
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw RecordingError("cannot create \(path): \(Errno.text())") }
        indexFD = open(path + SegmentName.indexSuffix, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o640)
        // deinit closes `fd` on this throw (every property is set): no close here, or it would run twice.
        guard indexFD >= 0 else {
            throw RecordingError("cannot create \(path)\(SegmentName.indexSuffix): \(Errno.text())")
        }
    }

    deinit {
        if fd >= 0 { close(fd) }
        if indexFD >= 0 { close(indexFD) }
    }

    /// Notes that a member starts at the current end, holding entries from `time` on.
    func indexMember(time: Double) throws(RecordingError) {
        try Self.writeAll(indexFD, Array("\(size) \(time)\n".utf8), path + SegmentName.indexSuffix)
    }

    func write(_ bytes: [UInt8]) throws(RecordingError) {
        try Self.writeAll(fd, bytes, path)
        size += Int64(bytes.count)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws(RecordingError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let code = errno
                let hint = code == ENOSPC || code == EDQUOT ? " (disk full: free space or lower --max-size)" : ""
                // The reason first: a status line may cut the path.
                throw RecordingError("\(Errno.text(code))\(hint), writing \(path)")
            }
            done += n
        }
    }
}
