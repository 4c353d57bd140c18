import Foundation
import Model

/// One segment file opened for reading: its header, its members (from the index, or by scanning when the index
/// is missing or disagrees with the file) and the decoding of one member's lines.
final class SegmentReader {
    let path: String
    let header: RecordingHeader
    private(set) var members: [(offset: Int, time: Double)]
    private(set) var size: Int
    /// Lines of this segment that could not be read, among the members decoded so far.
    private(set) var torn = 0
    private var tornCounted: Set<Int> = []

    var start: Double { members.first?.time ?? header.started }

    init(path: String) throws(RecordingError) {
        self.path = path
        size = Self.fileSize(path)
        guard size > 0 else { throw RecordingError("\(path) is empty", kind: .format) }
        // The header is the first line: a few kilobytes of the file hold it (more only if it is unusually long).
        var head = Inflater.Output()
        for window in [16 * 1024, 256 * 1024] where head.text.firstIndex(of: 0x0A) == nil {
            head = Inflater.inflate(Self.read(path, 0, min(size, window)), from: 0, to: min(size, window))
        }
        guard let newline = head.text.firstIndex(of: 0x0A) else {
            throw RecordingError("\(path) is not a sentry-console recording (no header line)", kind: .format)
        }
        header = try Self.header(Array(head.text[..<newline]), path: path)
        members = Self.readIndex(path + SegmentName.indexSuffix, size: size) ?? []
        if members.isEmpty { members = scan() }
    }

    /// The members' offsets and first times, from reading every byte (when the index cannot be trusted).
    private func scan() -> [(offset: Int, time: Double)] {
        let out = Inflater.inflate(Self.read(path, 0, size), from: 0, to: size)
        var found: [(offset: Int, time: Double)] = []
        for (i, m) in out.members.enumerated() {
            let end = i + 1 < out.members.count ? out.members[i + 1].textOffset : out.text.count
            let times = Self.lines(out.text[m.textOffset..<end]).compactMap { Self.time(of: $0) }
            found.append((m.offset, times.first ?? found.last?.time ?? header.started))
        }
        return found
    }

    /// The time of the last entry (read from the last member; again on each call, for a growing segment).
    func reloadLastTime() -> Double {
        size = Self.fileSize(path)
        guard !members.isEmpty else { return header.started }
        let last = decode(member: members.count - 1, countTorn: false)
        return last.map(\.time).max() ?? members[members.count - 1].time
    }

    lazy var lastTime: Double = reloadLastTime()

    /// Member `i`'s entries (header lines skipped, torn lines counted once).
    func decode(member i: Int, countTorn: Bool = true) -> [RecordEntry] {
        let (entries, bad) = read(member: i)
        if countTorn { noteTorn(member: i, bad) }
        return entries
    }

    /// Where member `i`'s bytes are.
    struct Span: Sendable {
        var path: String
        var from: Int
        var to: Int
        var isLast: Bool
    }

    func span(member i: Int) -> Span {
        Span(
            path: path, from: members[i].offset, to: i + 1 < members.count ? members[i + 1].offset : size,
            isLast: i == members.count - 1)
    }

    func read(member i: Int) -> (entries: [RecordEntry], bad: Int) { Self.read(span(member: i)) }

    /// A member's entries and how many of its lines could not be read. Pure, so several members may be read
    /// at once on different threads.
    static func read(_ span: Span) -> (entries: [RecordEntry], bad: Int) {
        let (from, to) = (span.from, span.to)
        let out = Inflater.inflate(read(span.path, from, to - from), from: 0, to: to - from)
        let decoder = JSONDecoder()
        let context = RecordingContext()
        decoder.userInfo[RecordingContext.key] = context
        var entries: [RecordEntry] = []
        var bad = 0
        let text = out.text[...]
        for line in lines(text) {
            if let e = try? decoder.decode(RecordEntry.self, from: Data(line)) {
                entries.append(e)
            } else if isHeader(line) {
                context.reset()  // a member starts: its lines refer only to each other
            } else {
                bad += 1
            }
        }
        // A last line without its newline was cut by a crash (or is being written right now).
        if let last = text.last, last != 0x0A, span.isLast || out.damaged { bad += 1 }
        return (entries, bad)
    }

    /// Counts member `i`'s unreadable lines, once.
    func noteTorn(member i: Int, _ bad: Int) {
        guard bad > 0, tornCounted.insert(i).inserted else { return }
        torn += bad
    }

    /// Complete lines (each ended by a newline) of `text`.
    static func lines(_ text: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = text.startIndex
        while let nl = text[start...].firstIndex(of: 0x0A) {
            if nl > start { out.append(text[start..<nl]) }
            start = nl + 1
        }
        return out
    }

    /// Whether a line is a segment header (repeated at the start of every member).
    static func isHeader(_ line: ArraySlice<UInt8>) -> Bool {
        line.count < 4096 && String(decoding: line, as: UTF8.self).contains(#""type":"header""#)
    }

    /// A line's time, without its payload (a scan needs only the first time of each member).
    private static func time(of line: ArraySlice<UInt8>) -> Double? {
        struct Stamp: Decodable {
            struct Event: Decodable { var at: Double }
            var event: Event?
            var alert: Event?
            var action: Event?
            var at: Double?
        }
        guard let s = try? JSONDecoder().decode(Stamp.self, from: Data(line)) else { return nil }
        return s.event?.at ?? s.alert?.at ?? s.action?.at ?? s.at
    }

    private static func header(_ line: [UInt8], path: String) throws(RecordingError) -> RecordingHeader {
        struct Probe: Decodable {
            var type: String?
            var format: Int?
            var console: String?
        }
        guard let probe = try? JSONDecoder().decode(Probe.self, from: Data(line)), probe.type == "header",
            let format = probe.format
        else { throw RecordingError("\(path) is not a sentry-console recording (bad header)", kind: .format) }
        guard format <= RecordingHeader.currentFormat else {
            throw RecordingError(
                "\(path) was written in recording format \(format) by sentry-console \(probe.console ?? "?");"
                    + " this console reads format \(RecordingHeader.currentFormat): replay it with that version or newer",
                kind: .newer)
        }
        guard let h = try? JSONDecoder().decode(RecordingHeader.self, from: Data(line)) else {
            throw RecordingError("\(path): the header of format \(format) is damaged", kind: .format)
        }
        return h
    }

    /// The index's members, or nil when it is missing, empty or disagrees with the file (offsets must rise and
    /// each must start a gzip member).
    private static func readIndex(_ path: String, size: Int) -> [(offset: Int, time: Double)]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var out: [(offset: Int, time: Double)] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            // A torn last index line is ignored; the member it named is then read as part of the one before.
            guard parts.count == 2, let o = Int(parts[0]), let t = Double(parts[1]) else { continue }
            guard (o < size) && (o > (out.last?.offset ?? -1)) else { continue }
            out.append((o, t))
        }
        guard let first = out.first, first.offset == 0 else { return nil }
        return out
    }

    static func fileSize(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    static func read(_ path: String, _ offset: Int, _ count: Int) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0, count > 0 else { return [] }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n <= 0 { break }
            done += n
        }
        return Array(buf[0..<done])
    }
}
