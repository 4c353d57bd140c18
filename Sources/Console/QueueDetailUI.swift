/// The open queue detail: which queue, and the selected project row (projects by sampled count).
public struct QueueDetailUI: Equatable, Sendable {
    public var queue: String
    public var selection = 0

    public init(queue: String) { self.queue = queue }
}
