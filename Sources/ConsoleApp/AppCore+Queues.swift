import Console
import Model

/// The queue detail: Enter on a queue row opens it, its project rows select with j/k (loading that project's
/// client keys), Enter on a project opens the Issues screen filtered to it by events/min.
extension AppCore {
    /// Projects of the detail's queue, by sampled count (the rows j/k select).
    func detailProjects() -> [Int64] {
        guard let d = state.ui.queueDetail, let b = state.data.breakdowns[d.queue] else { return [] }
        return MessageTally.ranked(b.all.byProject, limit: 50).map(\.key)
    }

    /// Enter on the Overview: open the selected queue, or (detail open) its selected project's issues.
    mutating func open(now: Double) -> [Effect] {
        if state.ui.queueDetail != nil { return openProjectIssues() }
        guard state.ui.focus == .queues, let snap = state.data.redis.latest, !snap.queues.isEmpty else { return [] }
        let q = snap.queues[min(max(0, state.ui.queueSelection), snap.queues.count - 1)]
        state.ui.queueDetail = QueueDetailUI(queue: q.name)
        if state.data.breakdowns[q.name] == nil {
            state.ui.status = Notice(
                q.depth == 0
                    ? "\(q.name) is empty: nothing to attribute"
                    : "\(q.name) is not sampled yet (event pipeline and --queue queues, every 10 s while non-empty)")
        }
        return loadKeysForSelection()
    }

    /// The selected project's client keys, unless they are the ones already shown.
    mutating func loadKeysForSelection() -> [Effect] {
        let projects = detailProjects()
        guard let d = state.ui.queueDetail, !projects.isEmpty else { return [] }
        let id = projects[min(max(0, d.selection), projects.count - 1)]
        if state.data.projectKeys?.id == id { return [] }
        return [.loadProjectKeys(id)]
    }

    mutating func openProjectIssues() -> [Effect] {
        let projects = detailProjects()
        guard let d = state.ui.queueDetail, !projects.isEmpty else { return [] }
        let id = projects[min(max(0, d.selection), projects.count - 1)]
        guard let slug = state.data.names.projects[id] else {
            state.ui.status = Notice("project \(id): its slug is not known yet", isError: true)
            return []
        }
        guard case .success(let query) = IssueQueryParser.parse("is:unresolved project:\(slug)") else {
            state.ui.status = Notice("project \(slug): not a searchable slug", isError: true)
            return []
        }
        state.ui.queueDetail = nil
        state.ui.issues.query = query
        state.ui.issues.sort = .trending
        state.ui.issues.selection = 0
        state.ui.screen = .issues
        return [.wake(.issues)]
    }
}
