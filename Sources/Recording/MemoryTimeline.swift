import Foundation
import Model

/// The live console's recent past, kept compressed in memory the way a recording is on disk: one gzip member
/// per minute, at most `keepSeconds` of them (about 1 MB an hour at a 1 s interval), so `[` in `watch` can step
/// back through the last hour with the replay's own code. Main-actor use only (not thread-safe).
public final class MemoryTimeline: Timeline {
    public let header: RecordingHeader
    public var tornRecords: Int { 0 }
    public private(set) var start: Double
    public private(set) var end: Double
    let keepSeconds: Double
    /// The sampling interval now: written at every member's start and on change (as on disk).
    public var interval: Double
    private var intervalWritten: Double?
    private var closed: [(start: Double, bytes: [UInt8])] = []
    private var open: (start: Double, slot: Int64, member: GzipMember, bytes: [UInt8])?
    private var cache: [(start: Double, entries: [RecordEntry])] = []
    private let encoder = JSONEncoder()
    private let decoder = JSONDecoder()

    public init(header: RecordingHeader, keepSeconds: Double = 3600) {
        self.header = header
        self.keepSeconds = keepSeconds
        interval = header.interval
        start = header.started
        end = header.started
        encoder.outputFormatting = [.sortedKeys]
    }

    /// Compressed bytes held.
    public var bytes: Int { closed.reduce(0) { $0 + $1.bytes.count } + (open?.bytes.count ?? 0) }

    /// Appends entries (unrecordable events are skipped); minutes older than `keepSeconds` are dropped whole.
    public func append(_ entries: [RecordEntry]) {
        for entry in entries { add(entry) }
    }

    private func add(_ entry: RecordEntry) {
        if case .event(let e) = entry, !e.isRecordable { return }
        let t = entry.time
        let slot = Int64((t / 60).rounded(.down))
        if open == nil || open?.slot != slot { roll(at: t, slot: slot) }
        if intervalWritten != interval {
            intervalWritten = interval
            write(.interval(seconds: interval, at: t))
        }
        write(entry)
    }

    private func write(_ entry: RecordEntry) {
        guard var o = open, let line = try? encoder.encode(entry) else { return }
        o.bytes += o.member.append(Array(line) + [0x0A])
        open = o
        end = max(end, entry.time)
    }

    private func roll(at t: Double, slot: Int64) {
        if let o = open { closed.append((o.start, o.bytes + o.member.finish())) }
        open = (try? GzipMember()).map { (t, slot, $0, []) }
        encoder.userInfo[RecordingContext.key] = RecordingContext()
        intervalWritten = nil
        while let first = closed.first, end - first.start > keepSeconds + 60 { closed.removeFirst() }
        start = closed.first?.start ?? open?.start ?? t
        cache.removeAll { c in !closed.contains { $0.start == c.start } }
    }

    public func entries(from: Double, through: Double) -> [RecordEntry] {
        var out: [RecordEntry] = []
        let members = closed.map { ($0.start, $0.bytes, true) } + (open.map { [($0.start, $0.bytes, false)] } ?? [])
        for (i, m) in members.enumerated() {
            let next = i + 1 < members.count ? members[i + 1].0 : Double.infinity
            guard m.0 <= through, next >= from - 5 else { continue }
            out += decoded(start: m.0, bytes: m.1, cacheable: m.2).filter { $0.time >= from && $0.time <= through }
        }
        return out.inTimeOrder
    }

    private func decoded(start: Double, bytes: [UInt8], cacheable: Bool) -> [RecordEntry] {
        if let hit = cache.first(where: { $0.start == start }) { return hit.entries }
        let text = Inflater.inflate(bytes, from: 0, to: bytes.count).text
        decoder.userInfo[RecordingContext.key] = RecordingContext()
        let entries = text.split(separator: 0x0A).compactMap { try? decoder.decode(RecordEntry.self, from: Data($0)) }
        if cacheable {
            cache.append((start, entries))
            if cache.count > 16 { cache.removeFirst() }
        }
        return entries
    }
}
