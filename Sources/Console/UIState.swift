/// What the user has done to the view: screen, focus, scroll, pause, overlays, each screen's own state, and the
/// one status line every screen draws. Pure and separate from the data; only the app core changes it.
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

    public enum Screen: Hashable, Sendable { case overview, issues, workers }

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
    /// Selected queue row of the Queues panel (the list's order: deepest first; `QueuesPanel.rows`).
    public var queueSelection = 0
    /// The Queues panel lists the empty queues too (`e`); otherwise they are one line ("80 empty queues").
    public var showEmptyQueues = false
    /// The queue detail overlay, when open.
    public var queueDetail: QueueDetailUI?
    /// Seconds between samples: the console's one interval (samplers, staleness and rates follow it).
    public var interval: Double = 2
    /// The `:` prompt for another named install, while it is open.
    public var contextPrompt: LineEditor?
    /// The status line: the outcome of the last action or an error, on whichever screen is in view.
    public var status: Notice?

    public static let intervals: [Double] = [0.5, 1, 2, 5, 10, 30, 60]

    public init(interval: Double = 2) { self.interval = interval }

    /// Applies an Overview or global view action; false when the action is not a view change (the core acts).
    public mutating func perform(_ action: Action, pageSize: Int = 10) -> Bool {
        switch action {
        case .toggleHelp: showHelp.toggle()
        case .toggleAlerts: showAlerts.toggle()
        case .show(let s): screen = s
        case .dismiss:
            showHelp = false
            showAlerts = false
            queueDetail = nil
        case .togglePause: paused.toggle()
        case .toggleEmpty: showEmptyQueues.toggle()
        case .faster: interval = Self.intervals.last { $0 < interval } ?? interval
        case .slower: interval = Self.intervals.first { $0 > interval } ?? interval
        case .up where showAlerts: alertSelection = max(0, alertSelection - 1)
        case .down where showAlerts: alertSelection += 1
        case .up where queueDetail != nil: queueDetail!.selection = max(0, queueDetail!.selection - 1)
        case .down where queueDetail != nil: queueDetail?.selection += 1
        // The Queues panel moves a selection (the scroll follows it when clamped); the others scroll.
        case .up where focus == .queues: queueSelection = max(0, queueSelection - 1)
        case .down where focus == .queues: queueSelection += 1
        case .pageUp where focus == .queues: queueSelection = max(0, queueSelection - pageSize)
        case .pageDown where focus == .queues: queueSelection += pageSize
        case .top where focus == .queues: queueSelection = 0
        case .bottom where focus == .queues: queueSelection = Int.max / 2
        case .up: scroll[focus] = max(0, (scroll[focus] ?? 0) - 1)
        case .down: scroll[focus] = (scroll[focus] ?? 0) + 1
        case .pageUp: scroll[focus] = max(0, (scroll[focus] ?? 0) - pageSize)
        case .pageDown: scroll[focus] = (scroll[focus] ?? 0) + pageSize
        case .top: scroll[focus] = 0
        case .bottom: scroll[focus] = Int.max / 2
        case .focusNext: focus = Panel(rawValue: (focus.rawValue + 1) % Panel.allCases.count)!
        case .focusPrevious:
            focus = Panel(rawValue: (focus.rawValue + Panel.allCases.count - 1) % Panel.allCases.count)!
        default: return false
        }
        return true
    }
}
