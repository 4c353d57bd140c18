import ArgumentParser
import Model
import Recording

/// Where and how long a recording is kept: shared by `record` and `watch --record`.
struct RecordOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Delete recorded hours older than this (e.g. 7d, 36h; default 7d).", valueName: "duration"))
    var retain: String?

    @Option(
        name: .customLong("max-size"),
        help: ArgumentHelp(
            "Keep the recording directory under this size, oldest hours first (e.g. 500MB, 2GB; default 500MB).",
            valueName: "size"))
    var maxSize: String?

    func validate() throws { _ = try writerOptions() }

    /// The writer's retention, from the flags (validated: a typo is an error, not a default).
    func writerOptions() throws -> RecordingWriter.Options {
        var o = RecordingWriter.Options()
        if let retain {
            guard let s = TimeSpec.duration(retain), s >= 60 else {
                throw ValidationError("--retain must be a duration of at least a minute (e.g. 7d, 36h), got \(retain)")
            }
            o.retainSeconds = s
        }
        if let maxSize {
            guard let b = Self.bytes(maxSize), b >= 1_000_000 else {
                throw ValidationError("--max-size must be a size of at least 1MB (e.g. 500MB, 2GB), got \(maxSize)")
            }
            o.maxBytes = b
        }
        return o
    }

    /// `500MB`, `2GB`, `750M`, `1.5G`, `123456` (bytes); decimal units, as disks are sold.
    static func bytes(_ text: String) -> Int64? {
        let t = text.uppercased().replacingOccurrences(of: "B", with: "")
        let units: [(String, Double)] = [("K", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12)]
        for (suffix, scale) in units where t.hasSuffix(suffix) {
            guard let n = Double(t.dropLast()), n > 0 else { return nil }
            return Int64(n * scale)
        }
        return Int64(t)
    }
}
