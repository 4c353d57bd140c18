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
        var out: [RecordEntry] = []
        for (i, s) in segments.enumerated() {
            let next = i + 1 < segments.count ? segments[i + 1].start : Double.infinity
            guard s.start <= through, next > from - 60 else { continue }
            for (j, m) in s.members.enumerated() {
                let memberEnd = j + 1 < s.members.count ? s.members[j + 1].time : next
                // A little slack: samplers report slightly out of step, so a member may hold a few earlier times.
                guard m.time <= through, memberEnd >= from - 5 else { continue }
                out += decoded(MemberKey(segment: i, member: j)).filter { $0.time >= from && $0.time <= through }
            }
        }
        // Samplers report out of step by a little; replay needs one order.
        return out.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    private func decoded(_ key: MemberKey) -> [RecordEntry] {
        if let i = cache.firstIndex(where: { $0.key == key }) {
            let hit = cache.remove(at: i)
            cache.append(hit)
            return hit.entries
        }
        let entries = segments[key.segment].decode(member: key.member)
        // The last member may still be growing: never keep it.
        if key.segment < segments.count - 1 || key.member < segments[key.segment].members.count - 1 {
            cache.append((key, entries))
            if cache.count > cacheLimit { cache.removeFirst() }
        }
        return entries
    }

    /// Reads the end again (the recorder may still be writing); returns the new end.
    @discardableResult
    public func refreshEnd() -> Double {
        if let last = segments.last { end = max(end, last.reloadLastTime()) }
        return end
    }
}
