import Model

/// Commands for one round trip. `add` returns a typed slot; after `send`, `replies[slot]` reads that command's
/// reply — no positional `replies[i + k]` arithmetic to get wrong, and a reply of another type reads as nil.
/// Commands are encoded as RESP when added, so a pipeline kept between samples (the depth plan's `LLEN`s) is
/// handed to hiredis as one formatted buffer, not re-formatted command by command every refresh.
struct RedisPipeline {
    /// Where a command's reply will be, and how to read it.
    struct Slot<Value> {
        let index: Int
        let read: @Sendable (RedisValue) -> Value?
    }

    /// The replies of one `send`, in command order.
    struct Replies {
        let values: [RedisValue]

        subscript<Value>(_ slot: Slot<Value>) -> Value? {
            slot.index < values.count ? slot.read(values[slot.index]) : nil
        }

        /// The raw reply (an error, a null …) for a slot.
        func raw<Value>(_ slot: Slot<Value>) -> RedisValue? { slot.index < values.count ? values[slot.index] : nil }
    }

    /// The commands' arguments, in order (for tests and diagnostics).
    private(set) var commands: [[[UInt8]]] = []
    /// The same commands in RESP (`*N` then `$len` bulk strings), ready for the wire.
    private(set) var encoded: [UInt8] = []

    init(reserving capacity: Int = 0) {
        commands.reserveCapacity(capacity)
        encoded.reserveCapacity(capacity * 32)
    }

    /// RESP for one command.
    static func encode(_ command: [[UInt8]], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "*"))
        out += String(command.count).utf8
        out += [13, 10]
        for arg in command {
            out.append(UInt8(ascii: "$"))
            out += String(arg.count).utf8
            out += [13, 10]
            out += arg
            out += [13, 10]
        }
    }

    mutating func add<Value>(_ args: String..., read: @escaping @Sendable (RedisValue) -> Value?) -> Slot<Value> {
        add(bytes: args.map { Array($0.utf8) }, read: read)
    }

    mutating func add<Value>(bytes command: [[UInt8]], read: @escaping @Sendable (RedisValue) -> Value?) -> Slot<Value>
    {
        commands.append(command)
        Self.encode(command, into: &encoded)
        return Slot(index: commands.count - 1, read: read)
    }

    /// Sends every command in one round trip; a reply count that does not match is a protocol error.
    func send(_ conn: RedisConnection) throws(ProbeError) -> Replies {
        let values = try conn.pipeline(formatted: encoded, count: commands.count)
        guard values.count == commands.count else { throw ProbeError(.protocol, "pipeline reply count mismatch") }
        return Replies(values: values)
    }
}
