import Model

/// What the user has done on the Issues screen: the applied query and sort, the selection (by issue id, so a
/// refresh that reorders rows keeps it), marks, the open detail, and at most one modal (filter line, archive
/// menu, assignee prompt, confirmation). Pure: keys go in, intents for the app come out.
public struct IssuesUI: Equatable, Sendable {
    public enum Modal: Equatable, Sendable {
        case filter(LineEditor)
        case archiveMenu([TriageTarget])
        case assign(LineEditor, [TriageTarget])
        /// Targets are captured when the dialog opens; a re-sort or refresh cannot change them.
        case confirm(TriageAction, [TriageTarget])
    }

    /// Work only the app core can do (reading, writing, the clipboard, the status line).
    public enum Intent: Equatable, Sendable {
        case refresh
        case openDetail(IssueRow)
        case closeDetail
        case apply(TriageAction, [TriageTarget])
        case copyURL(IssueRow)
        case notify(Notice)
    }

    public var query: IssueQuery = (try? IssueQueryParser.parse(IssueQuery.defaultSource).get())!
    public var sort: IssueSort = .lastSeen
    public var selectedId: Int64?
    public var selection = 0
    public var scroll = 0
    public var marked: Set<Int64> = []
    public var detail: Int64?
    public var modal: Modal?
    /// Parse error of the filter being edited (shown inline; the applied query is unchanged).
    public var filterError: String?

    public init() {}

    /// Handles one key given the rows on screen; nil when the key is not the Issues screen's (the global key
    /// map then applies). Triage keys in read-only mode give an error notice instead of acting.
    public mutating func handle(_ key: Key, rows: [IssueRow], writeMode: Bool, pageSize: Int) -> [Intent]? {
        if let modal { return handleModal(modal, key, writeMode: writeMode) }
        guard let action = IssuesScreen.keyMap.action(for: key) else { return nil }
        return perform(action, rows: rows, writeMode: writeMode, pageSize: pageSize)
    }

    /// Applies an Issues action; nil when it is not this screen's to take.
    public mutating func perform(_ action: Action, rows: [IssueRow], writeMode: Bool, pageSize: Int) -> [Intent]? {
        let current = row(in: rows)
        switch action {
        case .up: move(by: -1, rows)
        case .down: move(by: 1, rows)
        case .pageUp: move(by: -pageSize, rows)
        case .pageDown: move(by: pageSize, rows)
        case .top: move(by: -rows.count, rows)
        case .bottom: move(by: rows.count, rows)
        case .filter:
            modal = .filter(LineEditor(query.source, limit: 240))
            filterError = nil
        case .sort:
            sort = sort.next
            toTop()
            return [.notify(Notice("sorted by \(sort.label)")), .refresh]
        case .open:
            guard let current else { return [] }
            detail = current.id
            return [.openDetail(current)]
        case .dismiss where detail != nil:
            detail = nil
            return [.closeDetail]
        case .dismiss where !marked.isEmpty:
            marked = []
        case .mark:
            guard let current else { return [] }
            if marked.contains(current.id) { marked.remove(current.id) } else { marked.insert(current.id) }
            move(by: 1, rows)
        case .copyURL:
            guard let current else { return [] }
            return [.copyURL(current)]
        case .resolve, .archive, .unresolve, .assign, .unassign, .bookmark, .markReviewed:
            guard writeMode else {
                return [.notify(Notice("read-only: triage needs --write --as EMAIL", isError: true))]
            }
            let targets = self.targets(rows)
            guard !targets.isEmpty else { return [] }
            switch action {
            case .resolve: modal = .confirm(.resolve, targets)
            case .archive: modal = .archiveMenu(targets)
            case .unresolve: modal = .confirm(.unresolve, targets)
            case .assign: modal = .assign(LineEditor(limit: 200, refused: [" "]), targets)
            case .unassign: modal = .confirm(.unassign, targets)
            case .bookmark:
                let allBookmarked = rows.filter { r in targets.contains { $0.id == r.id } }.allSatisfy(\.bookmarked)
                modal = .confirm(allBookmarked ? .unbookmark : .bookmark, targets)
            default: modal = .confirm(.markReviewed, targets)
            }
        default: return nil
        }
        return []
    }

    /// The marked rows that are on screen, or the selected row; captured as targets with their displayed state.
    public func targets(_ rows: [IssueRow]) -> [TriageTarget] {
        let chosen = marked.isEmpty ? row(in: rows).map { [$0] } ?? [] : rows.filter { marked.contains($0.id) }
        return chosen.map { TriageTarget(id: $0.id, displayId: $0.displayId, expected: $0.status) }
    }

    /// The selected row: by id when still present, else by position.
    public func row(in rows: [IssueRow]) -> IssueRow? {
        guard !rows.isEmpty else { return nil }
        if let id = selectedId, let r = rows.first(where: { $0.id == id }) { return r }
        return rows[min(max(0, selection), rows.count - 1)]
    }

    public func index(in rows: [IssueRow]) -> Int {
        guard !rows.isEmpty else { return 0 }
        if let id = selectedId, let i = rows.firstIndex(where: { $0.id == id }) { return i }
        return min(max(0, selection), rows.count - 1)
    }

    /// A click on row `index`: it is selected (and followed across refreshes, like a key move).
    public mutating func select(_ index: Int, _ rows: [IssueRow]) {
        guard rows.indices.contains(index) else { return }
        selection = index
        selectedId = rows[index].id
    }

    /// A click on a column title: sort by it (from the top); nil when already sorted so.
    public mutating func sort(by newSort: IssueSort) -> [Intent]? {
        guard newSort != sort else { return nil }
        sort = newSort
        toTop()
        return [.notify(Notice("sorted by \(sort.label)")), .refresh]
    }

    /// A new order or a new query starts at its first row (the selection stops following an issue).
    mutating func toTop() {
        selection = 0
        selectedId = nil
        scroll = 0
    }

    mutating func move(by delta: Int, _ rows: [IssueRow]) {
        guard !rows.isEmpty else { return }
        selection = min(max(0, index(in: rows) + delta), rows.count - 1)
        selectedId = rows[selection].id
    }

    private mutating func handleModal(_ m: Modal, _ key: Key, writeMode: Bool) -> [Intent] {
        switch m {
        case .filter(var editor):
            let before = editor.text
            switch editor.handle(key) {
            case .cancel:
                modal = nil
                filterError = nil
            case .editing:
                if editor.text != before { filterError = nil }
                modal = .filter(editor)
            case .submit(let text):
                switch IssueQueryParser.parse(text.isEmpty ? IssueQuery.defaultSource : text) {
                case .success(let q) where !writeMode && q.clauses.contains(where: { $0.term == .assigned(.me) }):
                    // Only write mode knows who "me" is (--as, looked up at start): a filter error, not an outage.
                    filterError = "assigned:me needs write mode (--write --as EMAIL): who \"me\" is is unknown"
                case .success(let q):
                    query = q
                    modal = nil
                    filterError = nil
                    marked = []
                    toTop()
                    return [.refresh]
                case .failure(let f): filterError = f.message
                }
            }
        case .archiveMenu(let targets):
            let choices: [Character: TriageAction.ArchiveMode] = [
                "f": .forever, "e": .untilEscalating, "1": .forMinutes(60), "2": .forMinutes(1440),
                "3": .forMinutes(10080), "4": .untilEvents(100), "5": .untilEvents(1000),
            ]
            if case .char(let c) = key, let mode = choices[c] {
                modal = .confirm(.archive(mode), targets)
            } else if key == .escape || key == .char("n") {
                modal = nil
            }
        case .assign(var editor, let targets):
            switch editor.handle(key) {
            case .cancel: modal = nil
            case .editing: modal = .assign(editor, targets)
            case .submit(let text):
                let t = text.trimmingCharacters(in: " ")
                if t.hasPrefix("#"), t.count > 1 {
                    modal = .confirm(.assign(.team(slug: String(t.dropFirst()).lowercased())), targets)
                } else if t.contains("@") {
                    modal = .confirm(.assign(.user(email: t.lowercased())), targets)
                } else {
                    return [.notify(Notice("assign to an email or #team", isError: true))]
                }
            }
        case .confirm(let action, let targets):
            switch key {
            case .char("y"), .char("Y"):
                modal = nil
                guard writeMode else { return [] }
                return [.apply(action, targets)]
            case .char("n"), .char("N"), .escape:
                modal = nil
                return [.notify(Notice("cancelled"))]
            default: break
            }
        }
        return []
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
