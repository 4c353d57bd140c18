import Foundation
import Model
import Testing

@testable import Recording

/// The on-disk format: round trip, torn tails, newer formats, the index, and the one-writer lock.
@Suite struct RecordingFormatTests {
    typealias F = RecordingFixtures

    @Test func everyKindOfEntryRoundTrips() throws {
        let dir = F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = F.base
        let written: [RecordEntry] =
            F.round(at: t, depth: 7, events: 10) + [
                .event(.heartbeats(.failure(ProbeError(.connect, "refused")), at: t + 0.2, retryAt: t + 5)),
                .alert(
                    AlertTransition(
                        at: t + 0.3, key: "queue.stalled default", from: "pending", to: "firing", severity: .critical)),
                .silence(key: "queue.stalled default", change: .snooze(seconds: 1800), by: "oncall", at: t + 0.4),
                .action(
                    RecordedAction(at: t + 0.5, actor: "oncall", action: "resolve", targets: ["API-1"], outcome: "ok")),
            ]
        let w = try RecordingWriter(directory: dir, header: F.header(), options: .init())
        try w.append(written, now: t)
        w.close()
        let r = try Recording(path: dir)
        let read = r.entries(from: t - 1, through: t + 1).appended
        #expect(read.map(F.json) == written.map(F.json))
        #expect(r.tornRecords == 0)
        #expect(r.header == F.header())
    }

    @Test func idleQueuesGoCompactAndComeBackInTheirPlaces() throws {
        var snapshot = F.redis(at: F.base, depth: 5)
        snapshot.queues = [
            QueueSample(name: "a-idle", depth: 0, byPriority: [0, 0, 0, 0], source: .sentryDefault),
            QueueSample(name: "b-busy", depth: 3, byPriority: [1, 2, 0, 0], source: .binding, nextTask: "t"),
            QueueSample(name: "c-idle", depth: 0, byPriority: [0, 0, 0, 0], source: .user),
            QueueSample(name: "d-odd", depth: 0, byPriority: [0], source: .binding),
            QueueSample(name: "e-next", depth: 0, byPriority: [0, 0, 0, 0], source: .binding, nextTask: "x"),
        ]
        let entry = RecordEntry.event(.redis(.success(snapshot), at: F.base, retryAt: F.base + 1))
        let line = F.json(entry)
        #expect(line.contains(#"[0,"a-idle","sentry-default"]"#) && line.contains(#"[2,"c-idle","user"]"#), "\(line)")
        let back = try JSONDecoder().decode(RecordEntry.self, from: Data(line.utf8))
        guard case .event(.redis(.success(let decoded), _, _)) = back else {
            Issue.record("not a redis event")
            return
        }
        #expect(decoded.queues == snapshot.queues)
    }

    @Test func anUnchangedIdleListIsWrittenOncePerMember() throws {
        let dir = F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = try RecordingWriter(directory: dir, header: F.header(), options: .init())
        var written: [RecordEntry] = []
        for i in 0..<90 {
            var s = F.redis(at: F.base + Double(i), depth: i % 7 + 1)
            s.queues.append(QueueSample(name: "z-idle", depth: 0, byPriority: [0, 0, 0, 0], source: .sentryDefault))
            written.append(.event(.redis(.success(s), at: F.base + Double(i), retryAt: F.base + Double(i) + 1)))
            try w.append([written[i]], now: F.base + Double(i))
        }
        w.close()
        let text = try Zcat.text(dir)
        #expect(text.components(separatedBy: "z-idle").count - 1 == 2, "once in each of the two members")
        #expect(text.contains(#""idleSame":true"#))
        let r = try Recording(path: dir)
        #expect(r.entries(from: F.base, through: F.base + 100).appended.map(F.json) == written.map(F.json))
        // Read from the middle of the second member: the list comes from that member's first line.
        #expect(r.entries(from: F.base + 75, through: F.base + 75).appended.map(F.json) == [F.json(written[75])])
    }

    @Test func detailRequestsAreNotRecorded() throws {
        let dir = F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = try RecordingWriter(directory: dir, header: F.header(), options: .init())
        let detail = ProbeEvent.issueDetail(id: 1, .failure(ProbeError(.timeout, "slow")), at: F.base)
        try w.append([.event(detail)] + F.round(at: F.base, depth: 1, events: 1), now: F.base)
        let r = try Recording(path: dir)
        #expect(r.entries(from: F.base - 1, through: F.base + 1).appended.count == 2)
    }

    @Test func aSegmentStaysReadableByZcatAndAfterAKill() throws {
        let dir = F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Not closed: the open member has no gzip trailer, as after SIGKILL.
        let w = try F.write(dir, seconds: 150)
        _ = w
        let r = try Recording(path: dir)
        #expect(r.entries(from: F.base, through: F.base + 200).appended.count == 300)
        #expect(r.tornRecords == 0, "a member cut after a complete append is not torn")
        #expect(abs(r.end - (F.base + 149.01)) < 0.001)
    }

    @Test func aTornTailIsSkippedAndCounted() throws {
        let dir = F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = try F.write(dir, seconds: 90)
        w.close()
        let segment = try #require(
            try FileManager.default.contentsOfDirectory(atPath: dir).first { $0.hasSuffix(".gz") })
        let path = dir + "/" + segment
        // Cut the last member in the middle (a crash during a write), then a restart appends garbage after it.
        let data = try #require(FileManager.default.contents(atPath: path))
        try Data(data.prefix(data.count - 40) + Data("garbage".utf8)).write(to: URL(fileURLWithPath: path))
        let r = try Recording(path: dir)
        let entries = r.entries(from: F.base, through: F.base + 100).appended
        #expect(entries.count >= 120 && entries.count < 180, "the first minute whole, most of the second")
        #expect(r.tornRecords >= 1)
    }

    @Test func aNewerFormatIsRefusedByName() throws {
        let dir = F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var h = F.header()
        h.format = 99
        h.console = "9.0.0"
        let w = try RecordingWriter(directory: dir, header: h, options: .init())
        try w.append(F.round(at: F.base, depth: 1, events: 1), now: F.base)
        w.close()
        #expect {
            _ = try Recording(path: dir)
        } throws: { error in
            let e = error as? RecordingError
            return e?.kind == .newer && e?.message.contains("format 99 by sentry-console 9.0.0") == true
                && e?.message.contains("reads format 1") == true
        }
    }

    @Test func notARecordingSaysSo() throws {
        let dir = F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: RecordingError.self) { _ = try Recording(path: dir) }
        #expect(throws: RecordingError.self) { _ = try Recording(path: dir + "/missing") }
        let bogus = dir + "/20260101-000000.ndjson.gz"
        try Data("not gzip".utf8).write(to: URL(fileURLWithPath: bogus))
        #expect {
            _ = try Recording(path: bogus)
        } throws: { ($0 as? RecordingError)?.message.contains("not a sentry-console recording") == true }
    }

    @Test func aSecondRecorderOnTheSameDirectoryIsRefused() throws {
        let dir = F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try RecordingWriter(directory: dir, header: F.header(), options: .init())
        #expect {
            _ = try RecordingWriter(directory: dir, header: F.header(), options: .init())
        } throws: { ($0 as? RecordingError)?.message.contains("another recorder (pid \(getpid()))") == true }
        _ = first
    }

    @Test func anUnwritableDirectoryIsAClearError() throws {
        #expect {
            _ = try RecordingWriter(directory: "/proc/sc-cannot-exist", header: F.header(), options: .init())
        } throws: { ($0 as? RecordingError)?.message.contains("/proc/sc-cannot-exist") == true }
    }

    @Test func aDamagedIndexFallsBackToScanning() throws {
        let dir = F.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try F.write(dir, seconds: 180).close()
        let index = try #require(
            try FileManager.default.contentsOfDirectory(atPath: dir).first { $0.hasSuffix(".idx") })
        try Data("garbage\n".utf8).write(to: URL(fileURLWithPath: dir + "/" + index))
        let r = try Recording(path: dir)
        #expect(r.segments[0].members.count == 3)
        #expect(r.entries(from: F.base + 100, through: F.base + 109.5).appended.count == 20)
    }
}
