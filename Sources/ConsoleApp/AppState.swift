import Console
import Model

/// Everything the console knows: the data (probe results, rates, alerts), the UI, and the session's facts. One
/// interval (`ui.interval`), one write-mode flag (`view.header.writeMode`), one status line (`ui.status`).
public struct AppState: Sendable {
    public internal(set) var data: ConsoleState
    public internal(set) var ui: UIState
    public internal(set) var view: ConsoleView
    public internal(set) var size: (width: Int, height: Int)
    /// The write in flight (at most one).
    public internal(set) var pendingWrite: TriageJob?
    /// A quit that waits for the write in flight: its exit code and when it was asked for.
    public internal(set) var pendingQuit: (code: Int32, at: Double)?
    /// An issue to open in the Issues screen's detail as soon as the stream lists it (from the queue detail).
    public internal(set) var pendingIssue: Int64?
    /// Alerts that were loud at the last check (the bell rings for new ones).
    var loudKeys: Set<String> = []
    var lastTickMinute = -1
    var nextJobId = 1

    public var writeMode: Bool { view.header.writeMode }
    public var interval: Double { ui.interval }
    public var paused: Bool { ui.paused }

    init(data: ConsoleState, ui: UIState, view: ConsoleView, size: (width: Int, height: Int)) {
        self.data = data
        self.ui = ui
        self.view = view
        self.size = size
    }
}
