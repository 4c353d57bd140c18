import Foundation
import Model

/// A recording opened for reading: a directory of segments, or one segment file. Invariant: opening reads only
/// indexes, the first member of each segment and the last member of the last one; entries are decoded per
/// one-minute member, on demand, with the last few kept.
public final class Recording: Timeline {
    public let header: RecordingHeader
    public let start: Double
    public private(set) var end: Double
    public var tornRecords: Int { segments.reduce(0) { $0 + $1.torn } }
    let segments: [SegmentReader]
    /// Decoded members, most recent last; at most `cacheLimit` (a quarter hour at any interval).
    private var cache: [(key: MemberKey, entries: [RecordEntry])] = []
    private let cacheLimit = 16

    struct MemberKey: Equatable {
        var segment: Int
        var member: Int
    }

    public init(path: String) throws(RecordingError) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw RecordingError("\(path): no such recording (a directory written by `sentry-console record`)")
        }
        let files: [String]
        if isDir.boolValue {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                throw RecordingError("cannot read \(path): \(Errno.text())")
            }
            files = names.filter(SegmentName.isSegment).sorted().map { path + "/" + $0 }
        } else {
            files = [path]
        }
        var readers: [SegmentReader] = []
        var firstError: RecordingError?
        for f in files {
            do { readers.append(try SegmentReader(path: f)) } catch {
                if case .newer = error.kind { throw error }
                firstError = firstError ?? error
            }
        }
        guard let first = readers.first else {
            throw firstError ?? RecordingError("\(path) holds no recording yet (no segment files)")
        }
        segments = readers
        header = first.header
        start = first.start
        end = readers.last?.lastTime ?? first.start
    }

    public func entries(from: Double, through: Double) -> [RecordEntry] {
        guard from <= through else { return [] }
        var keys: [MemberKey] = []
        for (i, s) in segments.enumerated() {
            let next = i + 1 < segments.count ? segments[i + 1].start : Double.infinity
            guard s.start <= through, next > from - 60 else { continue }
            for (j, m) in s.members.enumerated() {
                let memberEnd = j + 1 < s.members.count ? s.members[j + 1].time : next
                // A little slack: samplers report slightly out of step, so a member may hold a few earlier times.
                guard m.time <= through, memberEnd >= from - 5 else { continue }
                keys.append(MemberKey(segment: i, member: j))
            }
        }
        prefetch(keys.filter { k in !cache.contains { $0.key == k } })
        var out: [RecordEntry] = []
        for k in keys { out += decoded(k).filter { $0.time >= from && $0.time <= through } }
        return out.inTimeOrder
    }

    /// Decodes `keys` on all cores at once (a seek reads several minutes; decoding JSON is most of its cost)
    /// and caches them.
    private func prefetch(_ keys: [MemberKey]) {
        guard keys.count > 1 else { return }
        let spans = keys.map { segments[$0.segment].span(member: $0.member) }
        let results = Slots<(entries: [RecordEntry], bad: Int)>(count: keys.count, empty: ([], 0))
        DispatchQueue.concurrentPerform(iterations: keys.count) { n in results[n] = SegmentReader.read(spans[n]) }
        for (n, k) in keys.enumerated() {
            segments[k.segment].noteTorn(member: k.member, results[n].bad)
            store(k, results[n].entries)
        }
    }

    private func decoded(_ key: MemberKey) -> [RecordEntry] {
        if let i = cache.firstIndex(where: { $0.key == key }) {
            let hit = cache.remove(at: i)
            cache.append(hit)
            return hit.entries
        }
        let entries = segments[key.segment].decode(member: key.member)
        store(key, entries)
        return entries
    }

    private func store(_ key: MemberKey, _ entries: [RecordEntry]) {
        // The last member may still be growing: never keep it.
        guard key.segment < segments.count - 1 || key.member < segments[key.segment].members.count - 1 else { return }
        cache.append((key, entries))
        if cache.count > cacheLimit { cache.removeFirst() }
    }

    /// Reads the end again (the recorder may still be writing); returns the new end.
    @discardableResult
    public func refreshEnd() -> Double {
        if let last = segments.last { end = max(end, last.reloadLastTime()) }
        return end
    }
}
