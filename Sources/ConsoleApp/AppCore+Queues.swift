import Console
import Model

/// The queue detail: Enter on a queue row opens it, its project rows select with j/k (loading that project's
/// client keys), Enter on a project opens the Issues screen filtered to it by events/min.
extension AppCore {
    /// Projects of the detail's queue, by sampled count (the first rows j/k select).
    func detailProjects() -> [Int64] {
        guard let d = state.ui.queueDetail, let b = state.data.breakdowns[d.queue] else { return [] }
        return QueueDetailView.projectRows(b).map(\.key)
    }

    /// Issues of the detail's queue (the rows after the projects).
    func detailIssues() -> [Int64] {
        guard let d = state.ui.queueDetail, let b = state.data.breakdowns[d.queue] else { return [] }
        return QueueDetailView.issueRows(b).map(\.key)
    }

    /// Enter on the Overview: open the selected queue, or (detail open) its selected project's issues.
    mutating func open(now: Double) -> [Effect] {
        if state.ui.queueDetail != nil { return openProjectIssues() }
        guard state.ui.focus == .queues, let snap = state.data.redis.latest else { return [] }
        let queues = QueuesPanel.rows(snap, showEmpty: state.ui.showEmptyQueues)
        guard !queues.isEmpty else { return [] }
        let q = queues[min(max(0, state.ui.queueSelection), queues.count - 1)]
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
        guard let d = state.ui.queueDetail, d.selection < projects.count else { return [] }
        let id = projects[max(0, d.selection)]
        if state.data.projectKeys?.id == id { return [] }
        return [.loadProjectKeys(id)]
    }

    mutating func openProjectIssues() -> [Effect] {
        let projects = detailProjects()
        let issues = detailIssues()
        guard let d = state.ui.queueDetail, d.selection < projects.count + issues.count else { return [] }
        if d.selection >= projects.count { return openIssue(issues[d.selection - projects.count]) }
        let id = projects[max(0, d.selection)]
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

    /// An issue row: the Issues screen filtered to its project, the issue selected and its detail opened as soon
    /// as the stream lists it.
    mutating func openIssue(_ id: Int64) -> [Effect] {
        guard let display = state.data.names.issues[id], let parsed = ShortId.parse(display),
            case .success(let query) = IssueQueryParser.parse("is:unresolved project:\(parsed.slug.lowercased())")
        else {
            state.ui.status = Notice("issue \(id): its short id is not known yet", isError: true)
            return []
        }
        state.ui.queueDetail = nil
        state.ui.issues.query = query
        state.ui.issues.sort = .trending
        state.ui.issues.selectedId = id
        state.ui.issues.detail = id
        state.ui.screen = .issues
        state.pendingIssue = id
        state.data.clearIssueDetail()
        return [.wake(.issues)]
    }

    /// The stream arrived: open the pending issue's detail, or say it is not listed.
    mutating func openPendingIssue(_ rows: [IssueRow]) -> [Effect] {
        guard let id = state.pendingIssue else { return [] }
        state.pendingIssue = nil
        if let row = rows.first(where: { $0.id == id }) { return [.loadDetail(row)] }
        state.ui.issues.detail = nil
        state.ui.status = Notice("issue \(state.data.names.issue(id)) is not among its project's unresolved issues")
        return []
    }
}
