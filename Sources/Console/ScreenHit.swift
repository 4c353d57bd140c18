import Model

/// What a click landed on, from the same layout the screens draw with (so a click and a frame always agree).
public enum ScreenHit: Equatable, Sendable {
    /// A panel of the Overview, and the row of its list when the click was on one (Queues: `QueuesPanel.rows`).
    case panel(UIState.Panel, row: Int?)
    /// A row of the issue list (index into the rows in their order).
    case issueRow(Int)
    /// A column title of the issue list: the sort it stands for.
    case issueSort(IssueSort)

    /// The hit at (x, y) on the frame `ConsoleView.render` draws for `ui` at this size, or nil.
    public static func at(
        x: Int, y: Int, view: ConsoleView, state: ConsoleState, ui: UIState, now: Double, width: Int, height: Int
    ) -> ScreenHit? {
        let ctx = view.context(ui, now: now, width: width, height: height)
        switch ui.screen {
        case .overview:
            let rects = OverviewScreen.layout(width: width, height: height, state: state, ui: ui, now: now)
            guard let (panel, r) = rects.first(where: { $0.value.contains(x: x, y: y) }).map({ ($0.key, $0.value) })
            else { return nil }
            guard panel == .queues, let snap = state.redis.latest else { return .panel(panel, row: nil) }
            let (area, _) = OverviewScreen.queuesArea(state, r, status: ctx.status(of: state.redis), now: now)
            let index = (ui.scroll[.queues] ?? 0) + y - area.y - 1
            let count = QueuesPanel.rows(snap, showEmpty: ui.showEmptyQueues).count
            let onRow = y > area.y && y < area.y + area.height && index < count
            return .panel(.queues, row: onRow ? index : nil)
        case .issues:
            guard ui.issues.detail == nil, ui.issues.modal == nil else { return nil }
            let area = IssuesScreen.panelArea(state, context: ctx)
            let rows = state.issueRows(now: now)
            if y == area.y {
                let table = IssuesPanel.table(
                    width: area.width, rows: rows, top: ui.issues.scroll, visible: area.height - 1)
                return table.column(at: x - area.x).flatMap(IssueSort.init(column:)).map { .issueSort($0) }
            }
            let index = ui.issues.scroll + y - area.y - 1
            guard y > area.y, y < area.y + area.height, index < rows.count else { return nil }
            return .issueRow(index)
        case .workers:
            return nil
        }
    }
}

extension IssueSort {
    /// The sort a column title of the issue list stands for (LAST, 10m, SEEN, AGE), nil for the others.
    init?(column: String) {
        switch column {
        case "LAST": self = .lastSeen
        case "10m", "EVENTS": self = .trending
        case "SEEN": self = .timesSeen
        case "AGE": self = .firstSeen
        default: return nil
        }
    }
}
