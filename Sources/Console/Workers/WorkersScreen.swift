import Model

/// The Workers screen: one full-width panel (workers, consumers per queue, connections per address) and its key map.
public enum WorkersScreen {
    public static let keyMap = KeyMap([
        KeyBinding(
            [.char("/")], .filter, label: "/", help: "filter workers, queues and addresses by text (Esc clears)",
            footer: ("/", "filter")),
        KeyBinding([.escape], .dismiss),
        KeyBinding(
            [.char("s")], .sort, label: "s", help: "sort: state (worst first), name, tasks/s", footer: ("s", "sort")),
        KeyBinding([.up, .char("k")], .up, label: "↑↓ j k", help: "scroll", footer: ("j/k", "scroll")),
        KeyBinding([.down, .char("j")], .down),
        KeyBinding([.pageUp], .pageUp, label: "PgUp PgDn", help: "scroll by a page"),
        KeyBinding([.pageDown], .pageDown),
        KeyBinding([.home, .char("g")], .top, label: "g G", help: "jump to top / bottom"),
        KeyBinding([.end, .char("G")], .bottom),
        KeyBinding([.char("e")], .toggleEmpty, label: "e", help: "list every consumed queue, the empty ones too"),
        KeyBinding(
            [.char("c")], .readClients, label: "c",
            help: "read Redis CLIENT LIST now (per-address consumers; O(clients) for Redis, so read at a slow cadence)"),
    ])

    /// The status in the frame: the Redis sampler's (CLIENT LIST); a failing feed when Redis is fine.
    static func status(_ state: ConsoleState, context: ScreenContext) -> PanelFrame.Status {
        let status = context.status(of: state.redis)
        if status.banner == nil, context.header.workerInspection != nil, state.inspection.failure != nil {
            return context.status(of: state.inspection)
        } else if status.banner == nil, state.heartbeats.failure != nil {
            return context.status(of: state.heartbeats)
        }
        return status
    }

    /// Rows a page key moves.
    public static func pageSize(height: Int) -> Int { max(1, height - 6) }

    /// `ui` with the scroll inside the screen's lines.
    static func clamp(_ ui: WorkersUI, state: ConsoleState, context: ScreenContext) -> WorkersUI {
        var ui = ui
        let area = PanelFrame.content(context.body, status: status(state, context: context))
        let count = WorkersPanel.lines(state, ui: ui, header: context.header, now: context.now, width: area.width).count
        ui.scroll = ListViewport.clamp(ui.scroll, count: count, visible: WorkersPanel.visibleLines(area, ui: ui))
        return ui
    }

    static func draw(_ s: inout Surface, state: ConsoleState, ui: UIState, context: ScreenContext) {
        let summaries = WorkersPanel.summaries(state, header: context.header, now: context.now)
        let inner = PanelFrame.draw(
            &s, context.body, title: "Workers", summary: summaries[0], status: status(state, context: context),
            focused: true, glyphs: context.glyphs, shorterSummaries: Array(summaries.dropFirst()))
        WorkersPanel.draw(
            &s, inner, state: state, ui: ui.workers, header: context.header, now: context.now, glyphs: context.glyphs)
        KeyHints.drawFooter(
            &s, screen: keyMap, current: .workers, status: ui.status, writeMode: context.header.writeMode,
            glyphs: context.glyphs,
            word: { $0.action == .sort ? "sort: \(ui.workers.sort.rawValue)" : $0.footer?.word ?? "" })
    }
}
