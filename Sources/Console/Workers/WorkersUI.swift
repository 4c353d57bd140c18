import Model

/// What the user has done on the Workers screen: sort, text filter (being edited or applied) and scroll. Pure.
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
    public var editing: String?
    public var scroll = 0

    public init() {}

    /// Handles one key; false when it is not the Workers screen's (the global key map then applies).
    public mutating func handle(_ key: Key, pageSize: Int) -> Bool {
        if let text = editing {
            switch key {
            case .escape: editing = nil
            case .enter:
                filter = text
                editing = nil
                scroll = 0
            case .backspace: editing = String(text.dropLast())
            case .ctrl("u"): editing = ""
            case .char(let c) where text.count < 100: editing = text + String(c)
            default: break
            }
            return true
        }
        switch key {
        case .char("/"): editing = filter
        case .char("s"):
            let all = Sort.allCases
            sort = all[(all.firstIndex(of: sort)! + 1) % all.count]
            scroll = 0
        case .escape where !filter.isEmpty:
            filter = ""
            scroll = 0
        case .up, .char("k"): scroll = max(0, scroll - 1)
        case .down, .char("j"): scroll += 1
        case .pageUp: scroll = max(0, scroll - pageSize)
        case .pageDown: scroll += pageSize
        case .home, .char("g"): scroll = 0
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
