import Console
import Model

/// The Issues screen's intents and the triage workflow: audit `begin` → write → audit `end`, one write at a time.
extension AppCore {
    mutating func perform(_ intent: IssuesUI.Intent, now: Double) -> [Effect] {
        switch intent {
        case .refresh: return [.wake(.issues)]
        case .notify(let notice):
            state.ui.status = notice
            return []
        case .openDetail(let row):
            state.data.clearIssueDetail()
            return [.loadDetail(row)]
        case .closeDetail:
            state.data.clearIssueDetail()
            return []
        case .copyURL(let row):
            guard let url = state.view.header.issueURL(row) else {
                state.ui.status = Notice("no URL: set --sentry-url (or console.sentry_url)", isError: true)
                return []
            }
            state.ui.status = Notice("copied \(url)")
            return [.copy(url)]
        case .apply(let action, let targets):
            guard state.writeMode else {
                state.ui.status = Notice("read-only: nothing written", isError: true)
                return []
            }
            guard state.pendingWrite == nil else {
                state.ui.status = Notice("a write is still running: nothing else written", isError: true)
                return []
            }
            let job = TriageJob(
                id: state.nextJobId, action: action, targets: targets, install: state.view.header.postgresTarget)
            state.nextJobId += 1
            state.pendingWrite = job
            state.ui.status = Notice("\(action.label): writing \(targets.count)…")
            return [.auditBegin(job)]
        }
    }

    /// No audit line, no write: a failed `begin` ends the job before anything is written.
    mutating func auditBegan(_ id: Int, problem: String?, now: Double) -> [Effect] {
        guard let job = state.pendingWrite, job.id == id else { return [] }
        guard let problem else { return [.writeTriage(job)] }
        state.pendingWrite = nil
        state.ui.status = Notice("not written: \(problem)", isError: true)
        if let q = state.pendingQuit { return [.quit(q.code)] }
        return [.render(delayMs: 0)]
    }

    mutating func triageFinished(_ id: Int, _ outcomes: [TriageOutcome], auditProblem: String?, now: Double) -> [Effect]
    {
        guard let job = state.pendingWrite, job.id == id else { return [] }
        state.pendingWrite = nil
        let applied = outcomes.filter { $0 == .applied }.count
        var text = "\(job.action.label): \(applied)/\(job.targets.count) applied"
        var isError = false
        for (t, o) in zip(job.targets, outcomes) {
            switch o {
            case .applied: continue
            case .skipped(let why): text += " · \(t.displayId) skipped: \(why)"
            case .failed(let why):
                text += " · \(t.displayId) failed: \(why)"
                isError = true
            }
        }
        if let auditProblem {
            text += " · AUDIT: \(auditProblem)"
            isError = true
        }
        state.ui.status = Notice(text, isError: isError)
        state.ui.issues.marked = []
        if let q = state.pendingQuit { return [.quit(q.code)] }
        var effects: [Effect] = [.wake(.issues)]
        if let id = state.ui.issues.detail, let row = state.data.issueRows(now: now).first(where: { $0.id == id }) {
            effects.append(.loadDetail(row))
        }
        return effects + [.render(delayMs: 0)]
    }
}
