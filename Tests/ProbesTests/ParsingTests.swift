import Foundation
import Testing

@testable import Model
@testable import Probes

@Suite struct RedisEndpointTests {
    @Test(arguments: [
        ("redis://127.0.0.1:6379/0", RedisEndpoint(address: .tcp(host: "127.0.0.1", port: 6379), db: 0)),
        (
            "redis://:s3cret@redis:6380/2",
            RedisEndpoint(address: .tcp(host: "redis", port: 6380), db: 2, password: "s3cret")
        ),
        (
            "redis://user:p%40ss@h/1",
            RedisEndpoint(address: .tcp(host: "h", port: 6379), db: 1, username: "user", password: "p@ss")
        ),
        ("redis://[::1]:7000", RedisEndpoint(address: .tcp(host: "::1", port: 7000), db: 0)),
        ("unix:///var/run/redis.sock?db=3", RedisEndpoint(address: .unix(path: "/var/run/redis.sock"), db: 3)),
        ("unix://:pw@/tmp/r.sock", RedisEndpoint(address: .unix(path: "/tmp/r.sock"), db: 0, password: "pw")),
    ])
    func parses(url: String, expected: RedisEndpoint) throws {
        #expect(try RedisEndpoint.parse(url) == expected)
    }

    @Test func descriptionNeverShowsThePassword() throws {
        let e = try RedisEndpoint.parse("redis://:hunter2@10.1.2.3:6379/0")
        #expect(!e.description.contains("hunter2"))
        #expect(e.description == "redis://10.1.2.3:6379/0")
    }

    @Test(arguments: ["rediss://h:6379", "http://h", "redis://h:99999/0", "redis://h/x", "unix://relative.sock"])
    func rejects(url: String) {
        #expect(throws: ProbeError.self) { try RedisEndpoint.parse(url) }
    }
}

@Suite struct KombuWireTests {
    @Test func bindingMemberThirdFieldIsTheQueue() {
        #expect(QueueProbe.queueName(fromBindingMember: Array("celery\u{06}\u{16}\u{06}\u{16}celery".utf8)) == "celery")
        #expect(QueueProbe.queueName(fromBindingMember: Array("rk\u{06}\u{16}pat.*\u{06}\u{16}q1".utf8)) == "q1")
        #expect(QueueProbe.queueName(fromBindingMember: Array("garbage".utf8)) == nil)
    }

    @Test func globEscapeMakesPrefixLiteral() {
        #expect(QueueProbe.globEscape("a*b?[c]\\") == "a\\*b\\?\\[c\\]\\\\")
    }

    @Test func protocol2TaskNameFromHeaders() {
        let env =
            #"{"body": "W10=", "content-type": "application/json", "headers": {"task": "proj.add", "id": "1"}, "properties": {"body_encoding": "base64"}}"#
        #expect(TaskPeek.taskName(envelope: Array(env.utf8)) == "proj.add")
    }

    @Test func protocol1JSONBodyIsDecoded() {
        let body = Data(#"{"task": "sentry.tasks.store.save_event", "id": "x", "args": []}"#.utf8).base64EncodedString()
        let env =
            #"{"body": "\#(body)", "content-type": "application/json", "headers": {}, "properties": {"body_encoding": "base64"}}"#
        #expect(TaskPeek.taskName(envelope: Array(env.utf8)) == "sentry.tasks.store.save_event")
    }

    @Test func pickleIsNeverUnpickled() {
        let env =
            #"{"body": "gAJ9cQAu", "content-type": "application/x-python-serialize", "headers": {}, "properties": {"body_encoding": "base64"}}"#
        #expect(TaskPeek.taskName(envelope: Array(env.utf8)) == "(pickled)")
        #expect(TaskPeek.taskName(envelope: Array("not json".utf8)) == "(not JSON)")
    }

    @Test func hostileTaskNameIsSanitized() {
        let env = #"{"headers": {"task": "evil\u001b[2Jtask\u0007"}}"#
        #expect(TaskPeek.taskName(envelope: Array(env.utf8)) == "eviltask")
    }

    @Test func sentryQueueListIsTheLate2023OneWithoutDuplicates() {
        #expect(SentryQueues.names.count == Set(SentryQueues.names).count)
        #expect(SentryQueues.names.contains("events.save_event"))
        #expect(SentryQueues.names.contains("post_process_errors"))
        #expect(SentryQueues.names.count == 89)
    }
}

@Suite struct ConninfoLabelTests {
    @Test(arguments: [
        ("postgresql://sentry:Secr3t@db.internal:6432/sentry", "sentry@db.internal:6432/sentry"),
        ("host=127.0.0.1 port=5432 user=postgres password=Secr3t dbname=sentry", "postgres@127.0.0.1/sentry"),
    ])
    func labelsWithoutPassword(conninfo: String, expected: String) {
        let label = ConninfoLabel.describe(conninfo)
        #expect(label == expected)
        #expect(!label.contains("Secr3t"))
    }
}

@Suite struct TestBedParityTests {
    /// The queue list exists twice on purpose (Swift for the console, Python for the test bed's workers):
    /// this keeps them identical.
    @Test func testBedDeclaresExactlyTheQueuesTheConsolePolls() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../testbed/queues.py")
        let text = try String(contentsOf: file, encoding: .utf8)
        let block = try #require(
            text.range(of: "SENTRY_QUEUES = [").map { text[$0.upperBound...] }?.prefix { $0 != "]" })
        let names = block.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        #expect(names == SentryQueues.names)
    }
}
