/// An empty queue in a recording: `[index, name, source]` (depth 0, no priority backlog, no next task).
struct IdleQueue: Codable, Equatable {
    var index: Int
    var name: String
    var source: QueueSample.Source

    static func isIdle(_ q: QueueSample) -> Bool {
        q.depth == 0 && q.nextTask == nil && q.byPriority == [0, 0, 0, 0]
    }

    var sample: QueueSample { QueueSample(name: name, depth: 0, byPriority: [0, 0, 0, 0], source: source) }

    init(index: Int, name: String, source: QueueSample.Source) {
        self.index = index
        self.name = name
        self.source = source
    }

    init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        index = try c.decode(Int.self)
        name = try c.decode(String.self)
        source = try c.decode(QueueSample.Source.self)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(index)
        try c.encode(name)
        try c.encode(source)
    }
}
