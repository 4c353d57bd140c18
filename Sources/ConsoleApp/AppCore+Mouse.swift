import Console
import Model

/// Clicks, hit-tested on the frame as drawn (`ScreenHit`): a panel takes the focus, a row is selected, a column
/// title of the issue list sorts by it. Nothing a click does needs write mode or opens a confirmation.
extension AppCore {
    mutating func click(x: Int, y: Int, now: Double) -> [Effect] {
        let ui = state.ui
        guard !ui.showHelp, !ui.showAlerts, ui.queueDetail == nil else { return [] }
        let hit = ScreenHit.at(
            x: x, y: y, view: state.view, state: state.data, ui: ui, now: now, width: state.size.width,
            height: state.size.height)
        switch hit {
        case .panel(let panel, let row)?:
            state.ui.focus = panel
            if let row { state.ui.queueSelection = row }
        case .issueRow(let index)?:
            state.ui.issues.select(index, state.data.issueRows(now: now))
        case .issueSort(let sort)?:
            guard let intents = state.ui.issues.sort(by: sort) else { return [] }
            return intents.flatMap { perform($0, now: now) } + [.render(delayMs: 0)]
        case nil:
            return []
        }
        return [.render(delayMs: 0)]
    }
}
