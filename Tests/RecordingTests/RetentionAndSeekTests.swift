import Foundation
import Model
import Testing

@testable import Recording

/// Retention by age and size (whole segments, oldest first, never the active one) and reading any stretch.
@Suite struct RetentionAndSeekTests {
    typealias F = RecordingFixtures

    static func segments(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".ndjson.gz") }
            .sorted()
    }

    @Test func segmentsRotateHourlyAndAnyStretchReadsBack() throws {
        let dir = F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try F.write(dir, seconds: 3 * 3600, interval: 10).close()
        #expect(Self.segments(dir).count == 3)
        let r = try Recording(path: dir)
        // Across a segment boundary: 10 minutes at 10 s = 60 rounds of two events.
        let a = F.base + 3600 - 300
        let entries = r.entries(from: a, through: a + 599.999).appended
        #expect(entries.count == 120)
        #expect(entries.first.map { abs($0.time - a) < 0.001 } == true)
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.time <= $1.time })
        #expect(r.start == F.base)
        #expect(abs(r.end - (F.base + 3 * 3600 - 10 + 0.01)) < 0.001)
    }

    @Test func retentionByAgeDeletesOldSegmentsWhole() throws {
        let dir = F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try F.write(dir, seconds: 2 * 3600, interval: 30).close()
        let old = Self.segments(dir)
        #expect(old.count == 2)
        // Age the first segment by eight days.
        let aged = Date().addingTimeInterval(-8 * 86400)
        try FileManager.default.setAttributes([.modificationDate: aged], ofItemAtPath: dir + "/" + old[0])
        let w = try RecordingWriter(
            directory: dir, header: F.header(at: Date().timeIntervalSince1970), options: .init())
        #expect(Self.segments(dir) == [old[1]])
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + old[0] + ".idx"))
        w.close()
    }

    @Test func retentionBySizeKeepsTheNewestAndTheActiveSegment() throws {
        let dir = F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var o = RecordingWriter.Options()
        o.maxBytes = 1  // far below one segment: only the one being written may stay
        try F.write(dir, seconds: 3 * 3600, interval: 30, options: o).close()
        let left = Self.segments(dir)
        #expect(left.count == 1)
        let r = try Recording(path: dir)
        #expect(r.start >= F.base + 2 * 3600, "the newest hour is what is left")
    }

    @Test func aRestartStartsANewSegmentNextToTheOld() throws {
        let dir = F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try F.write(dir, seconds: 30)
        first.close()  // releases the directory while the object lives on
        try F.write(dir, from: F.base + 40, seconds: 30).close()
        #expect(Self.segments(dir).count == 2)
        #expect(throws: RecordingError.self) {
            try first.append(F.round(at: F.base + 90, depth: 1, events: 1), now: F.base + 90)
        }
        let r = try Recording(path: dir)
        #expect(r.entries(from: F.base, through: F.base + 80).appended.count == 120)
    }
}

/// The live console's hour in memory: compressed per minute, trimmed to its window, read like a recording.
@Suite struct MemoryTimelineTests {
    typealias F = RecordingFixtures

    @Test func keepsTheLastHourAndReadsItBack() {
        // A ten-minute window over twenty minutes at 1 s (an hour's window works the same, only longer).
        let t = MemoryTimeline(header: F.header(), keepSeconds: 600)
        for i in 0..<1200 { t.append(F.round(at: F.base + Double(i), depth: F.depth(i % 300), events: Int64(i))) }
        #expect(t.end == F.base + 1199.01)
        #expect(t.start >= F.base + 600 - 120 && t.start <= F.base + 600, "\(t.start - F.base)")
        let minute = t.entries(from: F.base + 1000, through: F.base + 1059.999).appended
        #expect(minute.count == 120)
        #expect(t.entries(from: F.base, through: F.base + 100).appended.isEmpty, "older than the window is gone")
        #expect(t.bytes < 400_000, "ten minutes at 1 s stay small: \(t.bytes) bytes")
    }
}
