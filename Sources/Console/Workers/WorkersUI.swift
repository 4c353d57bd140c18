import Model

/// What the user has done on the Workers screen: sort, text filter (being edited or applied) and scroll. Pure:
/// keys are looked up in `WorkersScreen.keyMap`; the filter line is a `LineEditor`.
public struct WorkersUI: Equatable, Sendable {
    public enum Sort: String, CaseIterable, Sendable {
        case state, name, rate
        public var label: String {
            switch self {
            case .state: return "state (worst first)"
            case .name: return "name"
            case .rate: return "tasks/s"
            }
        }
    }

    public var sort: Sort = .state
    /// The applied filter: a case-insensitive substring of the worker name, its queues or an address.
    public var filter = ""
    /// The filter line while it is being edited.
    public var editor: LineEditor?
    public var scroll = 0
    /// Consumers per queue lists the empty consumed queues too (`e`); otherwise, when many, they are one line.
    public var showEmptyQueues = false
    /// How many times `c` asked for a fresh `CLIENT LIST` (the Redis probe reads when this moves).
    public var clientListRequests = 0

    /// The text being edited, nil when the filter line is closed.
    public var editing: String? { editor?.text }

    public init() {}

    /// Handles one key; false when it is not the Workers screen's (the global key map then applies).
    public mutating func handle(_ key: Key, pageSize: Int) -> Bool {
        if var e = editor {
            switch e.handle(key) {
            case .editing: editor = e
            case .cancel: editor = nil
            case .submit(let text):
                filter = text
                editor = nil
                scroll = 0
            }
            return true
        }
        guard let action = WorkersScreen.keyMap.action(for: key) else { return false }
        return perform(action, pageSize: pageSize)
    }

    /// Applies a Workers action; false when it is not this screen's to take (Esc without a filter, say).
    public mutating func perform(_ action: Action, pageSize: Int) -> Bool {
        switch action {
        case .filter: editor = LineEditor(filter, limit: 100)
        case .toggleEmpty: showEmptyQueues.toggle()
        case .readClients: clientListRequests += 1
        case .sort:
            let all = Sort.allCases
            sort = all[(all.firstIndex(of: sort)! + 1) % all.count]
            scroll = 0
        case .dismiss where !filter.isEmpty:
            filter = ""
            scroll = 0
        case .up: scroll = max(0, scroll - 1)
        case .down: scroll += 1
        case .pageUp: scroll = max(0, scroll - pageSize)
        case .pageDown: scroll += pageSize
        case .top: scroll = 0
        case .bottom: scroll = Int.max / 2
        default: return false
        }
        return true
    }

    /// Whether `text` passes the applied filter.
    public func matches(_ texts: [String]) -> Bool {
        let needle = filter.lowercased()
        return filter.isEmpty || texts.contains { $0.lowercased().contains(needle) }
    }
}
