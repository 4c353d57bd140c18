internal import CHiredis
import Foundation
import Model

/// One hiredis 0.14 context with connect and command timeouts. Commands are sent binary-safe with the Argv
/// API and pipelined. After any I/O error the context is unusable (hiredis' rule): the owner reconnects.
/// Not thread-safe: used only on its `WorkerThread`.
final class RedisConnection {
    private var ctx: UnsafeMutablePointer<redisContext>?
    let endpoint: RedisEndpoint

    /// `name` is set with CLIENT SETNAME so operators (and this console's own CLIENT LIST reading) can tell
    /// the console's connections apart; a server that refuses it is not an error.
    init(_ endpoint: RedisEndpoint, connectTimeoutMs: Int, commandTimeoutMs: Int, name: String = "sentry-console")
        throws(ProbeError)
    {
        self.endpoint = endpoint
        let tv = chiredis_timeval_ms(connectTimeoutMs)
        let c: UnsafeMutablePointer<redisContext>?
        switch endpoint.address {
        case .tcp(let host, let port): c = redisConnectWithTimeout(host, Int32(port), tv)
        case .unix(let path): c = redisConnectUnixWithTimeout(path, tv)
        }
        guard let c else { throw ProbeError(.connect, "hiredis could not allocate a context") }
        if c.pointee.err != 0 {
            let message = Self.errstr(c)
            redisFree(c)
            throw ProbeError(.connect, "\(endpoint): \(message)")
        }
        ctx = c
        _ = redisSetTimeout(c, chiredis_timeval_ms(commandTimeoutMs))
        if case .tcp = endpoint.address { _ = redisEnableKeepAlive(c) }
        var setup: [[String]] = []
        if let password = endpoint.password {
            setup.append(endpoint.username.map { ["AUTH", $0, password] } ?? ["AUTH", password])
        }
        if endpoint.db != 0 { setup.append(["SELECT", String(endpoint.db)]) }
        // AUTH/SELECT errors fail the connection; the name (last) is best effort, but its NOAUTH says that the
        // server wants a password nobody gave (otherwise the first real command would fail obscurely).
        let replies = try pipeline((setup + [["CLIENT", "SETNAME", name]]).map { $0.map { Array($0.utf8) } })
        if case .error(let e) = replies.last, e.hasPrefix("NOAUTH"), endpoint.password == nil {
            throw ProbeError(
                .connect,
                "\(endpoint): \(e.prefix(120)) — this Redis wants a password: "
                    + "give it in the URL (redis://:PASSWORD@host:port/db) or a password file (--redis-password-file)")
        }
        for case .error(let e) in replies.dropLast() {
            // The server's text never contains the password; keep it short anyway.
            throw ProbeError(.connect, "\(endpoint): \(e.prefix(120))")
        }
    }

    /// Subscriber mode: writes one command without waiting for its reply.
    func send(_ args: [String]) throws(ProbeError) {
        guard let ctx, ctx.pointee.err == 0 else { throw ProbeError(.io, "connection is closed") }
        guard Self.append(ctx, args.map { Array($0.utf8) }) == REDIS_OK else { throw ioFailure(ctx) }
        var done: Int32 = 0
        while done == 0 {
            guard redisBufferWrite(ctx, &done) == REDIS_OK else { throw ioFailure(ctx) }
        }
    }

    /// Subscriber mode: waits up to `timeoutMs` for data, then returns every complete reply read (maybe none).
    func receive(timeoutMs: Int32) throws(ProbeError) -> [RedisValue] {
        guard let ctx, ctx.pointee.err == 0 else { throw ProbeError(.io, "connection is closed") }
        var out = try buffered(ctx)
        guard out.isEmpty else { return out }
        var pfd = pollfd(fd: ctx.pointee.fd, events: Int16(POLLIN), revents: 0)
        let n = poll(&pfd, 1, timeoutMs)
        guard n > 0 else { return [] }
        guard redisBufferRead(ctx) == REDIS_OK else { throw ioFailure(ctx) }
        out = try buffered(ctx)
        return out
    }

    /// Replies already read into hiredis' buffer.
    private func buffered(_ ctx: UnsafeMutablePointer<redisContext>) throws(ProbeError) -> [RedisValue] {
        var out: [RedisValue] = []
        while out.count < 10_000 {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReplyFromReader(ctx, &raw) == REDIS_OK else { throw ioFailure(ctx) }
            guard let raw else { break }
            out.append(Self.value(raw.assumingMemoryBound(to: redisReply.self)))
            freeReplyObject(raw)
        }
        return out
    }

    deinit { if let ctx { redisFree(ctx) } }

    var isHealthy: Bool { ctx.map { $0.pointee.err == 0 } ?? false }

    /// Sends all commands in one write and reads all replies: one round trip. A server error for one command
    /// is returned as `.error` in its slot; an I/O error or timeout throws and leaves the context unusable.
    func pipeline(_ commands: [[[UInt8]]]) throws(ProbeError) -> [RedisValue] {
        var encoded: [UInt8] = []
        for command in commands { RedisPipeline.encode(command, into: &encoded) }
        return try pipeline(formatted: encoded, count: commands.count)
    }

    /// Sends `count` commands already encoded as RESP in one write and reads their replies (one round trip).
    func pipeline(formatted: [UInt8], count: Int) throws(ProbeError) -> [RedisValue] {
        guard let ctx, ctx.pointee.err == 0 else { throw ProbeError(.io, "connection is closed") }
        let rc = formatted.withUnsafeBytes { raw in
            redisAppendFormattedCommand(ctx, raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count)
        }
        guard rc == REDIS_OK else { throw ioFailure(ctx) }
        var out: [RedisValue] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(ctx, &raw) == REDIS_OK, let raw else { throw ioFailure(ctx) }
            out.append(Self.value(raw.assumingMemoryBound(to: redisReply.self)))
            freeReplyObject(raw)
        }
        return out
    }

    /// Convenience for one command.
    func command(_ args: String...) throws(ProbeError) -> RedisValue {
        try pipeline([args.map { Array($0.utf8) }])[0]
    }

    private static func append(_ ctx: UnsafeMutablePointer<redisContext>, _ args: [[UInt8]]) -> Int32 {
        // hiredis formats the command into its output buffer during the call, so the arguments need to live only
        // until it returns: one contiguous buffer per command, pointers into it.
        let lengths = args.map { Int($0.count) }
        let joined = Array(args.joined())
        return joined.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(
                to: CChar.self)
            var argv: [UnsafePointer<CChar>?] = []
            argv.reserveCapacity(args.count)
            var offset = 0
            for n in lengths {
                argv.append(base + offset)
                offset += n
            }
            return lengths.withUnsafeBufferPointer { lens in
                argv.withUnsafeMutableBufferPointer { av in
                    redisAppendCommandArgv(ctx, Int32(args.count), av.baseAddress, lens.baseAddress)
                }
            }
        }
    }

    private static func value(_ r: UnsafeMutablePointer<redisReply>) -> RedisValue {
        let reply = r.pointee
        switch reply.type {
        case REDIS_REPLY_STRING: return .bulk(bytes(reply.str, reply.len))
        case REDIS_REPLY_STATUS: return .status(String(decoding: bytes(reply.str, reply.len), as: UTF8.self))
        case REDIS_REPLY_ERROR: return .error(TextSanitizer.clean(bytes: bytes(reply.str, reply.len), maxLength: 200))
        case REDIS_REPLY_INTEGER: return .integer(Int64(reply.integer))
        case REDIS_REPLY_NIL: return .null
        case REDIS_REPLY_ARRAY:
            var items: [RedisValue] = []
            items.reserveCapacity(Int(reply.elements))
            for i in 0..<Int(reply.elements) {
                if let e = reply.element[i] { items.append(value(e)) } else { items.append(.null) }
            }
            return .array(items)
        default: return .null
        }
    }

    private static func bytes(_ p: UnsafeMutablePointer<CChar>?, _ n: Int) -> [UInt8] {
        guard let p, n > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }

    private func ioFailure(_ ctx: UnsafeMutablePointer<redisContext>) -> ProbeError {
        let message = Self.errstr(ctx)
        let timedOut = message.contains("Resource temporarily unavailable") || message.contains("timed out")
        redisFree(ctx)
        self.ctx = nil
        return ProbeError(
            timedOut ? .timeout : .io, "\(endpoint): \(timedOut ? "no answer before the command timeout" : message)")
    }

    private static func errstr(_ ctx: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: ctx.pointee.errstr) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return TextSanitizer.clean(bytes: Array(bytes), maxLength: 200)
        }
    }
}
