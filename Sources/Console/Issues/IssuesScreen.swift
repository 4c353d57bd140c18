import Model

/// The Issues screen: the stream (or one issue's detail) in one panel, its modal, and its key map.
public enum IssuesScreen {
    public static let keyMap = KeyMap([
        KeyBinding([.up, .char("k")], .up, label: "↑↓ j k", help: "move the selection"),
        KeyBinding([.down, .char("j")], .down),
        KeyBinding([.pageUp], .pageUp, label: "PgUp PgDn", help: "move by a page"),
        KeyBinding([.pageDown], .pageDown),
        KeyBinding([.home, .char("g")], .top, label: "g G", help: "first / last issue"),
        KeyBinding([.end, .char("G")], .bottom),
        KeyBinding(
            [.char("/")], .filter, label: "/",
            help: "filter: is: level: project: assigned: age: lastSeen: timesSeen: text !neg", footer: ("/", "filter")),
        KeyBinding(
            [.char("s")], .sort, label: "s", help: "sort: last seen, events/min, times seen, first seen",
            footer: ("s", "sort")),
        KeyBinding(
            [.enter], .open, label: "Enter Esc", help: "open / close the issue's detail", footer: ("⏎", "detail")),
        KeyBinding([.escape], .dismiss),
        KeyBinding(
            [.char("x")], .mark, label: "x", help: "mark / unmark (actions apply to marked rows)", footer: ("x", "mark")
        ),
        KeyBinding([.char("y")], .copyURL, label: "y", help: "copy the issue's URL (OSC 52)"),
        KeyBinding(
            [.char("r")], .resolve, label: "r e u", help: "resolve / archive… / unresolve", footer: ("r", "resolve"),
            needsWrite: true),
        KeyBinding([.char("e")], .archive, footer: ("e", "archive"), needsWrite: true),
        KeyBinding([.char("u")], .unresolve, needsWrite: true),
        KeyBinding(
            [.char("a")], .assign, label: "a A", help: "assign… / unassign", footer: ("a", "assign"), needsWrite: true),
        KeyBinding([.char("A")], .unassign, needsWrite: true),
        KeyBinding(
            [.char("b")], .bookmark, label: "b v", help: "bookmark toggle / mark reviewed", footer: ("b", "bookmark"),
            needsWrite: true),
        KeyBinding([.char("v")], .markReviewed, needsWrite: true),
    ])

    /// Rows of the list on screen at this size (the frame, its banner and the column header excluded).
    static func visibleRows(_ state: ConsoleState, context: ScreenContext) -> Int {
        panelArea(state, context: context).height - 1
    }

    /// Rows a page key moves (the list's height, less one for a banner).
    public static func pageSize(height: Int) -> Int { max(1, height - 7) }

    static func panelArea(_ state: ConsoleState, context: ScreenContext) -> Rect {
        PanelFrame.content(context.body, status: context.status(of: state.issues, floor: 5))
    }

    /// `ui` with the selection on a row and the scroll keeping it in view.
    static func clamp(_ ui: IssuesUI, state: ConsoleState, context: ScreenContext) -> IssuesUI {
        var ui = ui
        let rows = state.issueRows(now: context.now)
        guard !rows.isEmpty else { return ui }
        let index = ui.index(in: rows)
        ui.selection = index
        ui.scroll = ListViewport.follow(
            selection: index, scroll: ui.scroll, count: rows.count, visible: visibleRows(state, context: context))
        return ui
    }

    static func draw(_ s: inout Surface, state: ConsoleState, ui: UIState, context: ScreenContext) {
        let status = context.status(of: state.issues, floor: 5)
        let inner = PanelFrame.draw(
            &s, context.body, title: "Issues", summary: IssuesPanel.summary(state, ui: ui.issues), status: status,
            focused: true, glyphs: context.glyphs)
        IssuesPanel.draw(
            &s, inner, state: state, ui: ui.issues, now: context.now, glyphs: context.glyphs, header: context.header)
        IssuesModal.draw(&s, inner, ui: ui.issues, header: context.header, glyphs: context.glyphs)
        KeyHints.drawFooter(
            &s, screen: keyMap, current: .issues, status: ui.status, writeMode: context.header.writeMode,
            glyphs: context.glyphs)
    }
}
