import Foundation
import Testing

@testable import Model
@testable import Probes

private func hex(_ s: String) -> [UInt8] {
    var out: [UInt8] = []
    var i = s.startIndex
    while i < s.endIndex {
        let j = s.index(i, offsetBy: 2)
        out.append(UInt8(s[i..<j], radix: 16)!)
        i = j
    }
    return out
}

/// The pidbox request bytes (celery-redis-wire.md §7, "Exact bytes") and the reply decoder, including hostile
/// and malformed replies: every one is refused with a reason, none crashes.
@Suite struct PidboxMessageTests {
    static let oid = "a3e1c7d2-9b4f-4e8a-8c6d-1f2e3d4c5b6a"
    static let ticket = "5f0c5e4e-6a1e-4f7c-9d0e-2b1f3c4d5e6f"

    @Test func jsonPingBodyIsByteForByteKombus() {
        let body = PidboxMessage.body(.ping, ticket: Self.ticket, oid: Self.oid, serializer: .json)
        #expect(
            Data(body).base64EncodedString()
                == "eyJtZXRob2QiOiAicGluZyIsICJhcmd1bWVudHMiOiB7fSwgImRlc3RpbmF0aW9uIjogbnVsbCwgInBhdHRlcm4iOiBudWxsLCAibWF0Y2hlciI6IG51bGwsICJ0aWNrZXQiOiAiNWYwYzVlNGUtNmExZS00ZjdjLTlkMGUtMmIxZjNjNGQ1ZTZmIiwgInJlcGx5X3RvIjogeyJleGNoYW5nZSI6ICJyZXBseS5jZWxlcnkucGlkYm94IiwgInJvdXRpbmdfa2V5IjogImEzZTFjN2QyLTliNGYtNGU4YS04YzZkLTFmMmUzZDRjNWI2YSJ9fQ=="
        )
        #expect(
            PidboxMessage.bindingMember(oid: Self.oid) == Self.oid + "\u{06}\u{16}\u{06}\u{16}" + Self.oid
                + ".reply.celery.pidbox")
    }

    @Test(arguments: [PidboxMessage.Serializer.json, .pickle])
    func envelopeIsCompleteWithValidBase64AndAUUIDTag(serializer: PidboxMessage.Serializer) throws {
        let tag = UUID().uuidString.lowercased()
        let env = PidboxMessage.envelope(
            .stats, ticket: Self.ticket, oid: Self.oid, serializer: serializer, deliveryTag: tag,
            expires: 1_700_000_000.5)
        let obj = try #require(PlainValue.parse(json: env))
        #expect(obj["properties"]?["delivery_tag"]?.string == tag)
        #expect(obj["properties"]?["body_encoding"]?.string == "base64")
        #expect(obj["properties"]?["delivery_info"]?["exchange"]?.string == "celery.pidbox")
        #expect(obj["headers"]?["clock"] == .int(0))
        let b64 = try #require(obj["body"]?.string)
        let body = try #require(Data(base64Encoded: b64))
        let decoded: PlainValue
        if serializer == .json {
            #expect(obj["content-type"]?.string == "application/json")
            decoded = try #require(PlainValue.parse(json: Array(body)))
        } else {
            #expect(obj["content-type"]?.string == "application/x-python-serialize")
            #expect(obj["content-encoding"]?.string == "binary")
            decoded = try PickleCodec.read(Array(body))
        }
        #expect(decoded["method"]?.string == "stats")
        #expect(decoded["ticket"]?.string == Self.ticket)
        #expect(decoded["destination"] == PlainValue.none)
        #expect(decoded["reply_to"]?["routing_key"]?.string == Self.oid)
        #expect(decoded["reply_to"]?["exchange"]?.string == "reply.celery.pidbox")
    }

    /// A reply envelope as a worker writes it.
    static func reply(_ body: [UInt8], type: String = "application/x-python-serialize", ticket: String = ticket)
        -> [UInt8]
    {
        Array(
            "{\"body\": \"\(Data(body).base64EncodedString())\", \"content-type\": \"\(type)\", \"headers\": {\"ticket\": \"\(ticket)\", \"clock\": 3}, \"properties\": {\"body_encoding\": \"base64\"}}"
                .utf8)
    }

    @Test func readsPickledPingStatsAndActiveQueuesReplies() throws {
        let ping = try PidboxMessage.decodeReply(
            Self.reply(hex("8004951a000000000000007d948c0477314068947d948c026f6b948c04706f6e679473732e")))
        #expect(ping.ticket == Self.ticket)
        #expect(ping.results["w1@h"]?["ok"]?.string == "pong")
        // stats: `total` is a collections.Counter (read as a dict by name, never imported), ints of every width.
        let stats = try PidboxMessage.decodeReply(
            Self.reply(
                hex(
                    "800495fa000000000000007d948c0477314068947d94288c05746f74616c948c0b636f6c6c656374696f6e73948c07436f756e7465729493947d94288c03612e62944b038c0163944b0475859452948c03706964944d92108c04706f6f6c947d94288c0f6d61782d636f6e63757272656e6379944b028c0970726f636573736573945d94284b014b0265758c06757074696d65944b158c06727573616765947d948c057574696d6594473fe0000000000000738c0e70726566657463685f636f756e74944b088c036e6567944afbffffff8c03626967948a060000000000018c016694473ff80000000000008c0174944b018c01789486948c016e944e8c0162948875732e"
                )))
        var w = WorkerInspection(name: "w1@h", pong: false)
        InspectionReader.apply(.stats, try #require(stats.results["w1@h"]), to: &w)
        #expect(w.pid == 4242 && w.processed == 7 && w.concurrency == 2 && w.prefetch == 8 && w.uptime == 21)
        let s = try #require(stats.results["w1@h"])
        #expect(
            s["neg"] == .int(-5) && s["big"] == .int(1 << 40) && s["f"] == .float(1.5) && s["n"] == PlainValue.none
                && s["b"] == .bool(true))
        #expect(s["t"] == .list([.int(1), .string("x")]))
        let queues = try PidboxMessage.decodeReply(
            Self.reply(
                hex(
                    "80027d710058040000007731406871015d7102287d71032858040000006e616d657104580700000064656661756c747105580800000065786368616e676571067d7107286804680558040000007479706571085806000000646972656374710975580b000000726f7574696e675f6b6579710a6805580f00000071756575655f617267756d656e7473710b4e757d710c680458110000006576656e74732e736176655f6576656e74710d7365732e"
                )))
        InspectionReader.apply(.activeQueues, try #require(queues.results["w1@h"]), to: &w)
        #expect(w.queues == ["default", "events.save_event"])
        #expect(
            try PickleCodec.read(
                hex("800263636f6c6c656374696f6e730a4f726465726564446963740a71002952710158010000006171024b01732e"))
                == .dict(["a": .int(1)]))
    }

    @Test func jsonRepliesToo() throws {
        let r = try PidboxMessage.decodeReply(
            Self.reply(Array("{\"g@h\": {\"ok\": \"pong\"}}".utf8), type: "application/json"))
        #expect(r.results["g@h"]?["ok"]?.string == "pong")
    }

    @Test(arguments: [
        ("cos\nsystem\n(S'echo pwned'\ntR.", "os.system"),  // the classic: GLOBAL + REDUCE
        ("\u{80}\u{04}\u{8c}\u{02}os\u{8c}\u{06}system\u{93}.", "os.system"),  // STACK_GLOBAL
        ("\u{80}\u{02}}q\u{00}b.", "0x62"),  // BUILD
        ("\u{80}\u{02}ccollections\nCounter\n)}\u{81}.", "0x81"),  // NEWOBJ, even on an allowed name
        ("\u{80}\u{02}])R.", "0x52"),  // REDUCE on a value that is not an allowed name
    ])
    func refusesEveryPickleThatBuildsObjects(input: String, mentions: String) {
        let bytes = input.unicodeScalars.map { UInt8($0.value) }
        #expect {
            try PickleCodec.read(bytes)
        } throws: { error in
            guard let r = error as? PickleCodec.Refused else { return false }
            return r.reason.contains("refused") && r.reason.contains(mentions)
        }
    }

    @Test func malformedAndHostileInputIsRefusedNotFatal() {
        let cases: [[UInt8]] = [
            [], [0x80], [0x80, 0x04, 0x95, 1, 2],  // truncated
            Array("\u{80}\u{02}X\u{ff}\u{ff}\u{ff}\u{7f}ab.".utf8),  // length beyond the data
            [0x80, 0x02, 0x58, 2, 0, 0, 0, 0xff, 0xfe, 0x2e],  // invalid UTF-8
            [0x80, 0x02, 0x73, 0x2e],  // SETITEM on an empty stack
            [0x80, 0x02, 0x68, 0x05, 0x2e],  // memo get of nothing
            // 100 nested lists
            [0x80, 0x02] + Array(repeating: 0x5d, count: 100) + Array(repeating: 0x61, count: 99) + [0x2e],
            [0xff],  // unknown opcode
        ]
        for c in cases {
            #expect(throws: PickleCodec.Refused.self) { try PickleCodec.read(c) }
        }
        // A memo "billion laughs": each list holds the previous one twice, 40 times over: refused by the node budget.
        var bomb: [UInt8] = [0x80, 0x02, 0x5d, 0x71, 0x00]
        for i in 0..<40 {
            bomb += [0x5d, 0x28, 0x68, UInt8(i), 0x68, UInt8(i), 0x65, 0x71, UInt8(i + 1)]
        }
        bomb.append(0x2e)
        #expect(throws: PickleCodec.Refused.self) { try PickleCodec.read(bomb) }
        let replies: [[UInt8]] = [
            Array("not json".utf8),
            Array("{\"body\": \"e30=\", \"headers\": {}}".utf8),  // no ticket
            Array(
                "{\"body\": \"!!!\", \"content-type\": \"application/json\", \"headers\": {\"ticket\": \"t\"}, \"properties\": {\"body_encoding\": \"base64\"}}"
                    .utf8),
            Self.reply(Array("[1, 2]".utf8), type: "application/json"),  // not {node: result}
            Self.reply([1, 2, 3], type: "application/x-msgpack"),
            Self.reply(Array("cos\nsystem\n(S'id'\ntR.".utf8)),
            Array(repeating: UInt8(ascii: "["), count: 5000),
        ]
        for r in replies {
            #expect(throws: PickleCodec.Refused.self) { try PidboxMessage.decodeReply(r) }
        }
    }

    @Test func pickleWriterRoundTrips() throws {
        let v = PlainValue.dict([
            "a": .list([.int(-1), .int(70000), .bool(false), .none, .string("ü€😀")]), "b": .dict([:]), "c": .float(2.5),
        ])
        #expect(try PickleCodec.read(PickleCodec.write(v)) == v)
    }
}

@Suite struct ClientListHostsTests {
    @Test func classifiesConnectionsPerAddressOnTheBrokerDb() {
        let text = """
            id=1 addr=10.0.0.5:40001 laddr=10.0.0.1:6379 fd=8 name= age=100 idle=0 flags=b db=0 sub=0 psub=0 cmd=brpop user=default
            id=2 addr=10.0.0.5:40002 laddr=10.0.0.1:6379 fd=9 name= age=100 idle=42 flags=N db=0 sub=0 psub=0 cmd=brpop user=default
            id=3 addr=10.0.0.5:40003 laddr=10.0.0.1:6379 fd=10 name= age=100 idle=1 flags=N db=0 sub=0 psub=1 cmd=psubscribe user=default
            id=4 addr=10.0.0.5:40004 laddr=10.0.0.1:6379 fd=11 name= age=100 idle=2 flags=N db=0 sub=0 psub=0 cmd=brpop user=default
            id=5 addr=10.0.0.7:40005 laddr=10.0.0.1:6379 fd=12 name= age=5 idle=0 flags=N db=0 sub=0 psub=0 cmd=lpush user=default
            id=6 addr=10.0.0.9:40006 laddr=10.0.0.1:6379 fd=13 name= age=5 idle=0 flags=b db=5 sub=0 psub=0 cmd=brpop user=default
            id=7 addr=127.0.0.1:40007 laddr=127.0.0.1:6379 fd=14 name=sentry-console-pidbox age=5 idle=0 flags=b db=0 sub=0 psub=0 cmd=brpop user=default
            id=8 addr=[::1]:40008 laddr=[::1]:6379 fd=15 name= age=5 idle=0 flags=b db=0 sub=0 psub=0 cmd=brpop user=default
            id=9 addr=/run/redis.sock:0 laddr=/run/redis.sock:0 fd=16 name= age=5 idle=9 flags=N db=0 sub=0 psub=0 cmd=brpop user=default
            """
        let hosts = ClientList.hosts(text, db: 0)
        #expect(hosts.map(\.address) == ["10.0.0.5", "::1", "local", "10.0.0.7"])
        #expect(
            hosts[0]
                == ConsumerHost(
                    address: "10.0.0.5", waiting: 1, busy: 1, notPolling: 1, longestNotPolling: 42, subscribers: 1,
                    other: 0))
        #expect(hosts[1].waiting == 1 && hosts[2].notPolling == 1 && hosts[3].other == 1)
        #expect(
            ClientList.waitingConsumers(text, db: 0).map(\.count).reduce(0, +) == 2,
            "the console's own pidbox BRPOP is not a consumer")
    }
}

@Suite struct WorkerEventDecoderTests {
    @Test func readsHeartbeatsFromTheCeleryevEnvelope() {
        let event =
            "{\"hostname\": \"w1@h\", \"utcoffset\": 0, \"pid\": 77, \"clock\": 5, \"freq\": 2.0, \"active\": 1, \"processed\": 12, \"loadavg\": [0.5, 0.25, 0.1], \"sw_ident\": \"py-celery\", \"sw_ver\": \"5.6.3\", \"sw_sys\": \"Linux\", \"timestamp\": 1700000000.25, \"type\": \"worker-heartbeat\"}"
        let env =
            "{\"body\": \"\(Data(event.utf8).base64EncodedString())\", \"content-encoding\": \"utf-8\", \"content-type\": \"application/json\", \"headers\": {\"hostname\": \"w1@h\"}, \"properties\": {\"delivery_mode\": 1, \"body_encoding\": \"base64\"}}"
        let beats = WorkerEventDecoder.heartbeats(payload: Array(env.utf8), receivedAt: 10)
        #expect(
            beats == [
                WorkerHeartbeat(
                    hostname: "w1@h", kind: .heartbeat, pid: 77, freq: 2, active: 1, processed: 12,
                    loadavg: [0.5, 0.25, 0.1], software: "py-celery 5.6.3", sentAt: 1_700_000_000.25, receivedAt: 10)
            ])
        let offline = event.replacingOccurrences(of: "worker-heartbeat", with: "worker-offline").replacingOccurrences(
            of: "w1@h", with: "w\\u001b[2J@h")
        let list =
            "{\"body\": \"\(Data("[\(offline), {\"type\": \"task-succeeded\"}]".utf8).base64EncodedString())\", \"content-type\": \"application/json\", \"properties\": {\"body_encoding\": \"base64\"}}"
        let got = WorkerEventDecoder.heartbeats(payload: Array(list.utf8), receivedAt: 11)
        #expect(got.map(\.kind) == [.offline], "task events are ignored")
        #expect(got.first.map { !$0.hostname.contains("\u{1b}") } == true, "hostnames are sanitized")
        #expect(WorkerEventDecoder.heartbeats(payload: Array("garbage".utf8), receivedAt: 1).isEmpty)
    }
}
