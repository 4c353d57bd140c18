import Testing

@testable import Model
@testable import Probes

/// Real kombu messages (captured from the Celery test bed: Sentry's pickle protocol 1 with its kwargs, and a
/// JSON protocol-2 message) and hostile ones, decoded without executing anything.
@Suite struct MessageDecoderTests {
    /// `save_event` as Sentry's workers receive it: pickle protocol 4 (FRAME, MEMOIZE, SHORT_BINUNICODE) of a
    /// protocol-1 body, base64 in the JSON envelope; kwargs cache_key, data, start_time, event_id, project_id.
    static let saveEvent =
        #"{"body": "gASVdQEAAAAAAAB9lCiMBHRhc2uUjB1zZW50cnkudGFza3Muc3RvcmUuc2F2ZV9ldmVudJSMAmlklIwkZWI5YWJkNTUtMDczOS00ZGQ5LTg0NGUtYzRiZjA4NWY0MTRmlIwEYXJnc5QpjAZrd2FyZ3OUfZQojAljYWNoZV9rZXmUjCRlOmViNTk3Njg1MDhkMjRhMzc4MGFkMzY4ZmQ3ZjliYjE1OjeUjARkYXRhlE6MCnN0YXJ0X3RpbWWUR0HZVPxAIAAAjAhldmVudF9pZJSMIGViNTk3Njg1MDhkMjRhMzc4MGFkMzY4ZmQ3ZjliYjE1lIwKcHJvamVjdF9pZJRLB3WMBWdyb3VwlE6MC2dyb3VwX2luZGV4lE6MB3JldHJpZXOUSwCMA2V0YZROjAdleHBpcmVzlE6MA3V0Y5SIjAljYWxsYmFja3OUTowIZXJyYmFja3OUTowJdGltZWxpbWl0lE5OhpSMB3Rhc2tzZXSUTowFY2hvcmSUTnUu", "content-encoding": "binary", "content-type": "application/x-python-serialize", "headers": {}, "properties": {"correlation_id": "eb9abd55-0739-4dd9-844e-c4bf085f414f", "reply_to": "101287a3-1de4-344c-805d-2611bab66c89", "delivery_mode": 2, "delivery_info": {"exchange": "", "routing_key": "events.save_event"}, "priority": 0, "body_encoding": "base64", "delivery_tag": "f2bfe8e6-dd9f-41b8-9ede-1271bdba95b3"}}"#
    /// `process_event`: no project_id, only the cache key `e:{event_id}:9`.
    static let processEvent =
        #"{"body": "gASVnAEAAAAAAAB9lCiMBHRhc2uUjCBzZW50cnkudGFza3Muc3RvcmUucHJvY2Vzc19ldmVudJSMAmlklIwkNTI1NmZkZDYtYzU0Mi00YzdhLTg1YTYtOGIzMDI4ZmRiNTBhlIwEYXJnc5QpjAZrd2FyZ3OUfZQojAljYWNoZV9rZXmUjCRlOjgyZTM5ZjM3YTRkYjRhZDhhMzJmYTAzNDFiMWFmY2UwOjmUjApzdGFydF90aW1llEdB2VT8QEAAAIwIZXZlbnRfaWSUjCA4MmUzOWYzN2E0ZGI0YWQ4YTMyZmEwMzQxYjFhZmNlMJSMEGRhdGFfaGFzX2NoYW5nZWSUiYwQZnJvbV9zeW1ib2xpY2F0ZZSJjA9oYXNfYXR0YWNobWVudHOUiXWMBWdyb3VwlE6MC2dyb3VwX2luZGV4lE6MB3JldHJpZXOUSwCMA2V0YZROjAdleHBpcmVzlE6MA3V0Y5SIjAljYWxsYmFja3OUTowIZXJyYmFja3OUTowJdGltZWxpbWl0lE5OhpSMB3Rhc2tzZXSUTowFY2hvcmSUTnUu", "content-encoding": "binary", "content-type": "application/x-python-serialize", "headers": {}, "properties": {"correlation_id": "5256fdd6-c542-4c7a-85a6-8b3028fdb50a", "reply_to": "9f959d90-db5c-342c-860e-34ac73b38555", "delivery_mode": 2, "delivery_info": {"exchange": "", "routing_key": "events.process_event"}, "priority": 0, "body_encoding": "base64", "delivery_tag": "462ed3ac-8d5d-422e-becd-d548ddb67c17"}}"#
    /// Protocol 2, JSON body, a hostile task name in the headers, `group_id` in the kwargs.
    static let protocol2 =
        #"{"body": "W1tdLCB7ImNhY2hlX2tleSI6ICJlOmFiYzoxMiIsICJncm91cF9pZCI6IDQ3MTEsICJzdGFydF90aW1lIjogMTcwMDAwMDAwMi4yNX0sIHsiY2FsbGJhY2tzIjogbnVsbCwgImVycmJhY2tzIjogbnVsbCwgImNoYWluIjogbnVsbCwgImNob3JkIjogbnVsbH1d", "content-encoding": "utf-8", "content-type": "application/json", "headers": {"lang": "py", "task": "evil\u001b[2Jtask", "id": "1", "argsrepr": "()", "kwargsrepr": "{}"}, "properties": {"body_encoding": "base64", "delivery_tag": "x", "delivery_info": {"exchange": "", "routing_key": "q"}, "priority": 0}}"#
    /// A pickle whose kwargs would call `os.system` if it were unpickled.
    static let objectPickle =
        #"{"body": "gASVewAAAAAAAAB9lCiMBHRhc2uUjB1zZW50cnkudGFza3Muc3RvcmUuc2F2ZV9ldmVudJSMAmlklIwBMpSMBGFyZ3OUXZSMBmt3YXJnc5R9lIwKcHJvamVjdF9pZJSMBXBvc2l4lIwGc3lzdGVtlJOUjAplY2hvIHB3bmVklIWUUpRzdS4=", "content-encoding": "binary", "content-type": "application/x-python-serialize", "headers": {}, "properties": {"body_encoding": "base64"}}"#

    @Test func sentrysPickledSaveEventGivesTaskProjectAndStartTime() {
        let m = MessageDecoder.decode(Array(Self.saveEvent.utf8))
        #expect(m.readability == .decoded)
        #expect(m.task == "sentry.tasks.store.save_event")
        #expect(m.projectId == 7)
        #expect(m.startTime == 1_700_000_000.5)
        #expect(m.groupId == nil)
    }

    @Test func theProjectComesFromTheCacheKeyWhenKwargsHaveNone() {
        let m = MessageDecoder.decode(Array(Self.processEvent.utf8))
        #expect(m.task == "sentry.tasks.store.process_event")
        #expect(m.projectId == 9)
        #expect(m.startTime == 1_700_000_001)
    }

    @Test func protocol2JSONWithAHostileTaskName() {
        let m = MessageDecoder.decode(Array(Self.protocol2.utf8))
        #expect(m.readability == .decoded)
        #expect(m.task?.contains("\u{1B}") == false, "sanitized: \(m.task ?? "")")
        #expect(m.task?.hasSuffix("task") == true)
        #expect(m.projectId == 12)
        #expect(m.groupId == 4711)
        #expect(m.startTime == 1_700_000_002.25)
    }

    @Test func anObjectBuildingPickleIsCountedNeverEvaluated() {
        let m = MessageDecoder.decode(Array(Self.objectPickle.utf8))
        #expect(m.readability == .object)
        #expect(m.projectId == nil)
    }

    @Test(arguments: ["", "not json", #"{"body": 5}"#, #"{"body": "!!!", "properties": {"body_encoding": "base64"}}"#])
    func garbageIsUndecodable(_ text: String) {
        #expect(MessageDecoder.decode(Array(text.utf8)).readability == .undecodable)
    }

    @Test(arguments: [("e:abc:12", Int64(12)), ("e:abc:0", nil), ("x:abc:12", nil), ("e::12", nil), ("e:a:b:12", nil)])
    func cacheKeys(_ key: String, _ project: Int64?) {
        #expect(SampledMessage.project(fromCacheKey: key) == project)
    }

    /// The attribution path: JSONSerialization's tree read as plain values.
    @Test func jsonValuesKeepTheirKinds() {
        func parse(_ bytes: [UInt8]) -> PlainValue? { MessageDecoder.json(bytes).flatMap(PlainValue.init(jsonObject:)) }
        let v = parse(
            Array(
                #"{"t": true, "f": false, "i": 1, "neg": -7, "x": 1.5, "z": -0.0, "s": "é\u0000", "n": null, "l": [1, "a", [false]], "big": 18446744073709551615, "e": 1e300}"#
                    .utf8))
        #expect(v?["t"] == .bool(true) && v?["f"] == .bool(false))
        #expect(v?["i"] == .int(1) && v?["neg"] == .int(-7))
        #expect(v?["x"] == .float(1.5) && v?["z"] == .float(-0.0) && v?["e"] == .float(1e300))
        #expect(v?["s"] == .string("é\u{0}") && v?["n"] == PlainValue.none)
        #expect(v?["l"] == .list([.int(1), .string("a"), .list([.bool(false)])]))
        #expect(v?["big"]?.double == 18_446_744_073_709_551_615, "beyond Int64: a float, not a wrapped negative")
        #expect(parse(Array("3".utf8)) == .int(3), "a fragment")
        #expect(parse(Array("{\"a\": ".utf8)) == nil, "truncated")
        #expect(
            parse(Array((String(repeating: "[", count: 65) + String(repeating: "]", count: 65)).utf8))
                == nil)
    }

    @Test func aMessageSeenAgainIsNotDecodedAgain() {
        var probe = QueueProbe(configuration: .init())
        let bytes = Array(Self.saveEvent.utf8)
        let first = probe.decodeCached(bytes, now: 100)
        #expect(first == MessageDecoder.decode(bytes))
        #expect(probe.decodeCached(bytes, now: 110) == first)
        #expect(probe.decodedCache.count == 1 && probe.decodedCache.first?.value.used == 110)
        _ = probe.decodeCached(Array(Self.processEvent.utf8), now: 110)
        #expect(probe.decodedCache.count == 2)
    }
}
