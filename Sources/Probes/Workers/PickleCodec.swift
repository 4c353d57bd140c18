/// The two pickle operations the pidbox needs against Sentry's pickle-only workers, and nothing more:
/// `write` encodes a request made of dict/str/None (protocol 2); `read` decodes a reply by a restricted machine
/// that knows only data opcodes (dict, list, tuple, set, str, bytes, int, float, bool, None, memo) and refuses
/// every opcode that imports or calls (GLOBAL, STACK_GLOBAL, REDUCE, BUILD, NEWOBJ, INST, OBJ, PERSID, EXT),
/// with one exception: the dict subclasses `collections.Counter` / `OrderedDict` (Celery's `stats.total` is a
/// Counter). Their names are matched as text and read as a plain dict — nothing is ever imported or called.
/// Bounded: 1 MiB of input, 100,000 values (memo copies included), nesting depth 64.
enum PickleCodec {
    struct Refused: Error, Equatable {
        let reason: String
    }

    static let maxInput = 1 << 20
    static let maxNodes = 100_000
    static let maxDepth = 64

    // MARK: - Writing

    /// Protocol-2 pickle of a value built from dict (string keys), str, int, bool, None and list.
    static func write(_ value: PlainValue) -> [UInt8] {
        var out: [UInt8] = [0x80, 2]
        emit(value, into: &out)
        out.append(UInt8(ascii: "."))
        return out
    }

    private static func emit(_ v: PlainValue, into out: inout [UInt8]) {
        switch v {
        case .none: out.append(UInt8(ascii: "N"))
        case .bool(let b): out.append(b ? 0x88 : 0x89)
        case .int(let i) where i >= Int64(Int32.min) && i <= Int64(Int32.max):
            out.append(UInt8(ascii: "J"))
            withUnsafeBytes(of: Int32(i).littleEndian) { out += $0 }
        case .int(let i): emit(.string(String(i)), into: &out)
        case .float(let f):
            out.append(UInt8(ascii: "G"))
            withUnsafeBytes(of: f.bitPattern.bigEndian) { out += $0 }
        case .string(let s): emitString(Array(s.utf8), into: &out)
        case .bytes(let b): emitString(b, into: &out)
        case .list(let items):
            out.append(UInt8(ascii: "]"))
            guard !items.isEmpty else { return }
            out.append(UInt8(ascii: "("))
            for e in items { emit(e, into: &out) }
            out.append(UInt8(ascii: "e"))
        case .dict(let d):
            out.append(UInt8(ascii: "}"))
            guard !d.isEmpty else { return }
            out.append(UInt8(ascii: "("))
            for (k, e) in d.sorted(by: { $0.key < $1.key }) {
                emitString(Array(k.utf8), into: &out)
                emit(e, into: &out)
            }
            out.append(UInt8(ascii: "u"))
        }
    }

    private static func emitString(_ utf8: [UInt8], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "X"))
        withUnsafeBytes(of: UInt32(utf8.count).littleEndian) { out += $0 }
        out += utf8
    }

    // MARK: - Reading

    private struct Item {
        var value: PlainValue
        var depth: Int
        var nodes: Int
        /// Set for the allowed class names (GLOBAL / STACK_GLOBAL): only REDUCE may consume it.
        var dictType: String? = nil
    }

    /// Dict subclasses read as plain dicts.
    static let dictTypes: Set<String> = ["collections.Counter", "collections.OrderedDict", "collections.defaultdict"]

    /// `Counter()`, `Counter({…})`, `OrderedDict([(k, v), …])` → the dict; anything else is refused.
    private static func reduceDictType(_ args: PlainValue) -> PlainValue? {
        guard case .list(let a) = args else { return nil }
        if a.isEmpty { return .dict([:]) }
        guard a.count == 1 else { return nil }
        switch a[0] {
        case .dict: return a[0]
        case .list(let pairs):
            var d: [String: PlainValue] = [:]
            for p in pairs {
                guard case .list(let kv) = p, kv.count == 2 else { return nil }
                d[kv[0].keyText] = kv[1]
            }
            return .dict(d)
        default: return nil
        }
    }

    private enum Slot {
        case mark
        case item(Item)
    }

    /// Decodes a pickle of plain data; anything else is refused with the reason.
    static func read(_ data: [UInt8]) throws(Refused) -> PlainValue {
        guard data.count <= maxInput else { throw Refused(reason: "reply larger than 1 MiB") }
        var r = Reader(data: data)
        var stack: [Slot] = []
        var memo: [Int: Item] = [:]
        var nodes = 0

        func push(_ v: PlainValue, depth: Int = 0, size: Int = 1) throws(Refused) {
            nodes += size
            guard nodes <= maxNodes else { throw Refused(reason: "too many values") }
            guard depth <= maxDepth else { throw Refused(reason: "nested too deeply") }
            stack.append(.item(Item(value: v, depth: depth, nodes: size)))
        }
        func pop() throws(Refused) -> Item {
            guard case .item(let i)? = stack.popLast() else { throw Refused(reason: "malformed pickle (stack)") }
            return i
        }
        func popToMark() throws(Refused) -> [Item] {
            var items: [Item] = []
            while let last = stack.popLast() {
                switch last {
                case .mark: return items.reversed()
                case .item(let i): items.append(i)
                }
            }
            throw Refused(reason: "malformed pickle (no mark)")
        }
        func container(_ items: [Item]) -> (depth: Int, nodes: Int) {
            (1 + (items.map(\.depth).max() ?? 0), 1 + items.reduce(0) { $0 + $1.nodes })
        }
        func addToDict(_ target: Item, _ pairs: [Item]) throws(Refused) {
            guard case .dict(var d) = target.value, pairs.count % 2 == 0 else {
                throw Refused(reason: "malformed pickle (setitems)")
            }
            var depth = target.depth
            var size = target.nodes
            for k in stride(from: 0, to: pairs.count, by: 2) {
                d[pairs[k].value.keyText] = pairs[k + 1].value
                depth = max(depth, 1 + pairs[k + 1].depth)
                size += pairs[k + 1].nodes
            }
            stack.append(.item(Item(value: .dict(d), depth: depth, nodes: size)))
            guard depth <= maxDepth else { throw Refused(reason: "nested too deeply") }
        }
        func addToList(_ target: Item, _ items: [Item]) throws(Refused) {
            guard case .list(var l) = target.value else { throw Refused(reason: "malformed pickle (append)") }
            l += items.map(\.value)
            let depth = max(target.depth, 1 + (items.map(\.depth).max() ?? 0))
            stack.append(
                .item(Item(value: .list(l), depth: depth, nodes: target.nodes + items.reduce(0) { $0 + $1.nodes })))
            guard depth <= maxDepth else { throw Refused(reason: "nested too deeply") }
        }

        while true {
            let op = try r.byte()
            switch op {
            case 0x80: _ = try r.byte()  // PROTO
            case 0x95: _ = try r.bytes(8)  // FRAME: a length hint only
            case UInt8(ascii: "."):  // STOP
                let result = try pop()
                return result.value
            case UInt8(ascii: "("): stack.append(.mark)
            case UInt8(ascii: "}"): try push(.dict([:]))
            case UInt8(ascii: "]"), 0x8f: try push(.list([]))  // EMPTY_LIST, EMPTY_SET (a set reads as a list)
            case UInt8(ascii: ")"): try push(.list([]))  // EMPTY_TUPLE
            case UInt8(ascii: "N"): try push(PlainValue.none)
            case 0x88: try push(.bool(true))
            case 0x89: try push(.bool(false))
            case UInt8(ascii: "J"): try push(.int(Int64(Int32(bitPattern: UInt32(try r.uint(4))))))
            case UInt8(ascii: "K"): try push(.int(Int64(try r.uint(1))))
            case UInt8(ascii: "M"): try push(.int(Int64(try r.uint(2))))
            case 0x8a:  // LONG1
                let n = Int(try r.uint(1))
                guard n <= 8 else { throw Refused(reason: "integer too large") }
                try push(.int(Self.signed(try r.bytes(n))))
            case UInt8(ascii: "G"):
                let b = try r.bytes(8)
                try push(.float(Double(bitPattern: b.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })))
            case UInt8(ascii: "X"): try push(.string(try r.text(Int(try r.uint(4)))))
            case 0x8c: try push(.string(try r.text(Int(try r.uint(1)))))  // SHORT_BINUNICODE
            case 0x8d: try push(.string(try r.text(Int(try r.uint(8)))))  // BINUNICODE8
            case UInt8(ascii: "C"): try push(.bytes(try r.bytes(Int(try r.uint(1)))))  // SHORT_BINBYTES
            case UInt8(ascii: "B"): try push(.bytes(try r.bytes(Int(try r.uint(4)))))  // BINBYTES
            case 0x8e: try push(.bytes(try r.bytes(Int(try r.uint(8)))))  // BINBYTES8
            case UInt8(ascii: "U"): try push(.bytes(try r.bytes(Int(try r.uint(1)))))  // SHORT_BINSTRING (py2 str)
            case UInt8(ascii: "T"): try push(.bytes(try r.bytes(Int(try r.uint(4)))))  // BINSTRING
            case 0x94:  // MEMOIZE
                guard case .item(let top)? = stack.last else { throw Refused(reason: "malformed pickle (memo)") }
                memo[memo.count] = top
            case UInt8(ascii: "q"), UInt8(ascii: "r"):  // BINPUT, LONG_BINPUT
                let key = Int(try r.uint(op == UInt8(ascii: "q") ? 1 : 4))
                guard case .item(let top)? = stack.last else { throw Refused(reason: "malformed pickle (put)") }
                memo[key] = top
            case UInt8(ascii: "h"), UInt8(ascii: "j"):  // BINGET, LONG_BINGET
                let key = Int(try r.uint(op == UInt8(ascii: "h") ? 1 : 4))
                guard let item = memo[key] else { throw Refused(reason: "malformed pickle (get)") }
                try push(item.value, depth: item.depth, size: item.nodes)
            case UInt8(ascii: "s"):  // SETITEM
                let v = try pop()
                let k = try pop()
                let d = try pop()
                try addToDict(d, [k, v])
            case UInt8(ascii: "u"):  // SETITEMS
                let pairs = try popToMark()
                try addToDict(try pop(), pairs)
            case UInt8(ascii: "a"):  // APPEND
                let v = try pop()
                let l = try pop()
                try addToList(l, [v])
            case UInt8(ascii: "e"), 0x90:  // APPENDS, ADDITEMS
                let items = try popToMark()
                try addToList(try pop(), items)
            case UInt8(ascii: "t"), 0x91:  // TUPLE, FROZENSET
                let items = try popToMark()
                let (d, n) = container(items)
                try push(.list(items.map(\.value)), depth: d, size: n)
            case 0x85, 0x86, 0x87:  // TUPLE1..3
                var items: [Item] = []
                for _ in 0..<Int(op - 0x84) { items.insert(try pop(), at: 0) }
                let (d, n) = container(items)
                try push(.list(items.map(\.value)), depth: d, size: n)
            case 0x93:  // STACK_GLOBAL: only the allowed dict types, as a marker for REDUCE
                let name = try pop()
                let module = try pop()
                let full = (module.value.string ?? "?") + "." + (name.value.string ?? "?")
                guard Self.dictTypes.contains(full) else {
                    throw Refused(reason: "refused: the reply builds Python objects (\(full.prefix(60)))")
                }
                stack.append(.item(Item(value: .none, depth: 0, nodes: 1, dictType: full)))
            case UInt8(ascii: "c"):  // GLOBAL "module\nname\n"
                let module = try r.line()
                let name = try r.line()
                let full = module + "." + name
                guard Self.dictTypes.contains(full) else {
                    throw Refused(reason: "refused: the reply builds Python objects (\(full.prefix(60)))")
                }
                stack.append(.item(Item(value: .none, depth: 0, nodes: 1, dictType: full)))
            case UInt8(ascii: "R"):  // REDUCE: only an allowed dict type applied to plain data
                let args = try pop()
                let f = try pop()
                guard f.dictType != nil, let d = Self.reduceDictType(args.value) else {
                    throw Refused(reason: "refused: the reply builds Python objects (opcode 0x52)")
                }
                try push(d, depth: args.depth, size: args.nodes)
            case UInt8(ascii: "b"), 0x81, 0x92, UInt8(ascii: "i"),
                UInt8(ascii: "o"), UInt8(ascii: "P"), UInt8(ascii: "Q"), 0x82, 0x83, 0x84:
                throw Refused(reason: "refused: the reply builds Python objects (opcode 0x\(String(op, radix: 16)))")
            default:
                throw Refused(reason: "unsupported pickle opcode 0x\(String(op, radix: 16))")
            }
        }
    }

    /// Little-endian two's complement.
    private static func signed(_ b: [UInt8]) -> Int64 {
        guard !b.isEmpty else { return 0 }
        var v: UInt64 = 0
        for (i, byte) in b.enumerated() { v |= UInt64(byte) << (8 * UInt64(i)) }
        if b.count < 8, b.last! & 0x80 != 0 { v |= ~UInt64(0) << (8 * UInt64(b.count)) }
        return Int64(bitPattern: v)
    }

    private struct Reader {
        let data: [UInt8]
        var at = 0

        mutating func byte() throws(Refused) -> UInt8 {
            guard at < data.count else { throw Refused(reason: "truncated pickle") }
            defer { at += 1 }
            return data[at]
        }

        mutating func bytes(_ n: Int) throws(Refused) -> [UInt8] {
            guard n >= 0, n <= data.count - at else { throw Refused(reason: "truncated pickle") }
            defer { at += n }
            return Array(data[at..<at + n])
        }

        mutating func uint(_ n: Int) throws(Refused) -> UInt64 {
            try bytes(n).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }

        /// A protocol-0 argument: bytes up to a newline (at most 200).
        mutating func line() throws(Refused) -> String {
            var out: [UInt8] = []
            while true {
                let b = try byte()
                if b == 0x0a { return String(decoding: out, as: UTF8.self) }
                out.append(b)
                guard out.count <= 200 else { throw Refused(reason: "malformed pickle (line)") }
            }
        }

        mutating func text(_ n: Int) throws(Refused) -> String {
            let b = try bytes(n)
            guard let s = String(validating: b, as: UTF8.self) else { throw Refused(reason: "invalid UTF-8 in pickle") }
            return s
        }
    }
}
