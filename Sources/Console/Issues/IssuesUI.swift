import Model

/// What the user has done on the Issues screen: the applied query and sort, the selection (by issue id, so a
/// refresh that reorders rows keeps it), marks, the open detail, and at most one modal (filter line, archive
/// menu, assignee prompt, confirmation). Pure: keys go in, intents for the app come out.
public struct IssuesUI: Equatable, Sendable {
    public enum Modal: Equatable, Sendable {
        case filter(String)
        case archiveMenu([TriageTarget])
        case assign(String, [TriageTarget])
        /// Targets are captured when the dialog opens; a re-sort or refresh cannot change them.
        case confirm(TriageAction, [TriageTarget])
    }

    /// Work only the app can do.
    public enum Intent: Equatable, Sendable {
        case refresh
        case openDetail(IssueRow)
        case closeDetail
        case apply(TriageAction, [TriageTarget])
        case copyURL(IssueRow)
    }

    public struct Notice: Equatable, Sendable {
        public var text: String
        public var isError: Bool
        public init(_ text: String, isError: Bool = false) {
            self.text = text
            self.isError = isError
        }
    }

    public var query: IssueQuery = (try? IssueQueryParser.parse(IssueQuery.defaultSource).get())!
    public var sort: IssueSort = .lastSeen
    public var selectedId: Int64?
    public var selection = 0
    public var scroll = 0
    public var marked: Set<Int64> = []
    public var detail: Int64?
    public var modal: Modal?
    public var notice: Notice?
    /// Parse error of the filter being edited (shown inline; the applied query is unchanged).
    public var filterError: String?

    public init() {}

    /// Handles one key given the rows on screen; nil when the key is not the Issues screen's (the global key
    /// map then applies). Triage keys in read-only mode leave a notice instead of acting.
    public mutating func handle(_ key: Key, rows: [IssueRow], writeMode: Bool, pageSize: Int) -> Intent?? {
        if let modal { return .some(handleModal(modal, key, writeMode: writeMode)) }
        let current = row(in: rows)
        switch key {
        case .up, .char("k"): move(by: -1, rows)
        case .down, .char("j"): move(by: 1, rows)
        case .pageUp: move(by: -pageSize, rows)
        case .pageDown: move(by: pageSize, rows)
        case .home, .char("g"): move(by: -rows.count, rows)
        case .end, .char("G"): move(by: rows.count, rows)
        case .char("/"):
            modal = .filter(query.source)
            filterError = nil
        case .char("s"):
            sort = sort.next
            notice = Notice("sorted by \(sort.label)")
            toTop()
            return .some(.refresh)
        case .enter:
            guard let current else { return .some(nil) }
            detail = current.id
            return .some(.openDetail(current))
        case .escape where detail != nil:
            detail = nil
            return .some(.closeDetail)
        case .escape where !marked.isEmpty:
            marked = []
        case .char("x"):
            guard let current else { return .some(nil) }
            if marked.contains(current.id) { marked.remove(current.id) } else { marked.insert(current.id) }
            move(by: 1, rows)
        case .char("y"):
            guard let current else { return .some(nil) }
            return .some(.copyURL(current))
        case .char("r"), .char("e"), .char("u"), .char("a"), .char("A"), .char("b"), .char("v"):
            guard writeMode else {
                notice = Notice("read-only: triage needs --write --as EMAIL", isError: true)
                return .some(nil)
            }
            let targets = self.targets(rows)
            guard !targets.isEmpty else { return .some(nil) }
            switch key {
            case .char("r"): modal = .confirm(.resolve, targets)
            case .char("e"): modal = .archiveMenu(targets)
            case .char("u"): modal = .confirm(.unresolve, targets)
            case .char("a"): modal = .assign("", targets)
            case .char("A"): modal = .confirm(.unassign, targets)
            case .char("b"):
                let allBookmarked = rows.filter { r in targets.contains { $0.id == r.id } }.allSatisfy(\.bookmarked)
                modal = .confirm(allBookmarked ? .unbookmark : .bookmark, targets)
            default: modal = .confirm(.markReviewed, targets)
            }
        default: return nil
        }
        return .some(nil)
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

    private mutating func handleModal(_ m: Modal, _ key: Key, writeMode: Bool) -> Intent? {
        switch m {
        case .filter(let text):
            switch key {
            case .escape: modal = nil; filterError = nil
            case .enter:
                switch IssueQueryParser.parse(text.isEmpty ? IssueQuery.defaultSource : text) {
                case .success(let q):
                    query = q
                    modal = nil
                    filterError = nil
                    marked = []
                    toTop()
                    return .refresh
                case .failure(let f): filterError = f.message
                }
            case .backspace: modal = .filter(String(text.dropLast())); filterError = nil
            case .ctrl("u"): modal = .filter("")
            case .char(let c) where text.count < 240: modal = .filter(text + String(c)); filterError = nil
            default: break
            }
        case .archiveMenu(let targets):
            let choices: [Character: TriageAction.ArchiveMode] = [
                "f": .forever, "e": .untilEscalating, "1": .forMinutes(60), "2": .forMinutes(1440),
                "3": .forMinutes(10080), "4": .untilEvents(100), "5": .untilEvents(1000),
            ]
            if case .char(let c) = key, let mode = choices[c] { modal = .confirm(.archive(mode), targets) }
            else if key == .escape || key == .char("n") { modal = nil }
        case .assign(let text, let targets):
            switch key {
            case .escape: modal = nil
            case .enter:
                let t = text.trimmingCharacters(in: " ")
                if t.hasPrefix("#"), t.count > 1 { modal = .confirm(.assign(.team(slug: String(t.dropFirst()).lowercased())), targets) }
                else if t.contains("@") { modal = .confirm(.assign(.user(email: t.lowercased())), targets) }
                else { notice = Notice("assign to an email or #team", isError: true) }
            case .backspace: modal = .assign(String(text.dropLast()), targets)
            case .char(let c) where text.count < 200 && c != " ": modal = .assign(text + String(c), targets)
            default: break
            }
        case .confirm(let action, let targets):
            switch key {
            case .char("y"), .char("Y"):
                modal = nil
                guard writeMode else { return nil }
                return .apply(action, targets)
            case .char("n"), .char("N"), .escape: modal = nil; notice = Notice("cancelled")
            default: break
            }
        }
        return nil
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
