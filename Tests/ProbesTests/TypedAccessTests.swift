import Testing

@testable import Model
@testable import Probes

/// Typed access to replies and rows: the wrong type or a NULL is nil (or a named error), never 0.
@Suite struct TypedAccessTests {
    @Test func rowColumnsAreNilForNullMalformedOrMissing() throws {
        let row: [String?] = [nil, "x", "3", "2.5"]
        #expect(row.int(0) == nil && row.int(1) == nil && row.int(9) == nil)
        #expect(row.int(2) == 3 && row.int64(2) == 3 && row.double(3) == 2.5)
        #expect(try required(row.int(2), "n") == 3)
        #expect(throws: ProbeError.self) { try required(row.int(0), "max_connections") }
        do {
            _ = try required(row.int(1), "max_connections")
        } catch {
            #expect(error.kind == .protocol && error.message.contains("max_connections"))
        }
    }

    @Test func pipelineSlotsReadTheirOwnReplyByType() {
        var p = RedisPipeline()
        let a = p.add("LLEN", "q", read: \.int)
        let b = p.add("INFO", read: \.string)
        let c = p.add("LLEN", "q\u{01}priority", read: \.int)
        #expect(p.commands.count == 3 && p.commands[2] == [Array("LLEN".utf8), Array("q\u{01}priority".utf8)])
        #expect(
            String(decoding: p.encoded, as: UTF8.self)
                == "*2\r\n$4\r\nLLEN\r\n$1\r\nq\r\n*1\r\n$4\r\nINFO\r\n*2\r\n$4\r\nLLEN\r\n$10\r\nq\u{01}priority\r\n",
            "RESP, lengths in bytes")
        let replies = RedisPipeline.Replies(values: [
            .integer(7), .bulk(Array("redis_version:7".utf8)), .error("WRONGTYPE"),
        ])
        #expect(replies[a] == 7)
        #expect(replies[b] == "redis_version:7")
        #expect(replies[c] == nil, "an error reply is no length")
        #expect(RedisPipeline.Replies(values: [.integer(1)])[b] == nil, "a missing reply is nil")
    }
}
