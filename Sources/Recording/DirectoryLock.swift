import Foundation

/// An exclusive `flock` on `DIR/.lock` holding the recorder's pid: a second recorder on the same directory is
/// refused by name; the kernel drops the lock when the holder dies, even by SIGKILL.
final class DirectoryLock {
    private let fd: Int32

    init(directory: String) throws(RecordingError) {
        let path = directory + "/.lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RecordingError("cannot open \(path): \(Errno.text())") }
        // On a throw below, deinit closes `fd` (a class's deinit runs once every property is set): closing it
        // here too would close whatever the process opened next under that number.
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.readPid(fd)
            throw RecordingError(
                "\(directory) is being recorded by another recorder\(holder.map { " (pid \($0))" } ?? "");"
                    + " stop it or record into another directory")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit { if fd >= 0 { close(fd) } }

    private static func readPid(_ fd: Int32) -> Int? {
        var buf = [UInt8](repeating: 0, count: 32)
        let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Int(String(decoding: buf[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// The C library's words for the last error (`strerror(errno)`).
enum Errno {
    static func text(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
}
