/// What the user has done to the view (focus, scroll, pause, help); pure and separate from the data.
public struct UIState: Equatable, Sendable {
    public enum Panel: Int, CaseIterable, Sendable {
        case queues, database, throughput
        public var title: String {
            switch self {
            case .queues: return "Queues"
            case .database: return "Database"
            case .throughput: return "Throughput"
            }
        }
    }

    public enum Screen: Sendable { case overview, issues, workers }

    public var screen: Screen = .overview
    public var issues = IssuesUI()
    public var workers = WorkersUI()
    public var focus: Panel = .queues
    public var scroll: [Panel: Int] = [:]
    public var paused = false
    public var showHelp = false
    public var showAlerts = false
    /// Selected row in the alerts overlay.
    public var alertSelection = 0
    public var interval: Double = 2

    public static let intervals: [Double] = [0.5, 1, 2, 5, 10, 30, 60]

    public init(interval: Double = 2) { self.interval = interval }

    /// Applies a command; returns false for `.quit` (the caller exits).
    public mutating func handle(_ command: Command, pageSize: Int = 10) -> Bool {
        switch command {
        case .quit: return false
        case .toggleHelp: showHelp.toggle()
        case .toggleAlerts: showAlerts.toggle()
        case .showOverview: screen = .overview
        case .showIssues: screen = .issues
        case .showWorkers: screen = .workers
        case .dismiss:
            showHelp = false
            showAlerts = false
        case .togglePause: paused.toggle()
        case .faster: interval = Self.intervals.last { $0 < interval } ?? interval
        case .slower: interval = Self.intervals.first { $0 > interval } ?? interval
        case .redraw: break
        case .scrollUp where showAlerts: alertSelection = max(0, alertSelection - 1)
        case .scrollDown where showAlerts: alertSelection += 1
        case .acknowledge, .snoozeShort, .snoozeLong, .unsilence: break  // applied to the data by the app
        case .scrollUp: scroll[focus] = max(0, (scroll[focus] ?? 0) - 1)
        case .scrollDown: scroll[focus] = (scroll[focus] ?? 0) + 1
        case .pageUp: scroll[focus] = max(0, (scroll[focus] ?? 0) - pageSize)
        case .pageDown: scroll[focus] = (scroll[focus] ?? 0) + pageSize
        case .top: scroll[focus] = 0
        case .bottom: scroll[focus] = Int.max / 2
        case .focusNext: focus = Panel(rawValue: (focus.rawValue + 1) % Panel.allCases.count)!
        case .focusPrevious:
            focus = Panel(rawValue: (focus.rawValue + Panel.allCases.count - 1) % Panel.allCases.count)!
        }
        return true
    }
}
