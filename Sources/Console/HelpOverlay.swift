import Model

/// The help box over any screen, generated from that screen's key map, the alerts overlay's and the global one.
enum HelpOverlay {
    static func draw(_ s: inout Surface, screen: UIState.Screen, header: HeaderInfo, glyphs: Glyphs) {
        // A replay's timeline keys come first: they take over space, + and - from the live ones.
        let screenMap = ConsoleView.keyMap(for: screen)
        let entries = KeyHints.helpEntries(
            screen: header.replay ? ReplayKeys.map.over(screenMap) : screenMap,
            overlays: screen == .overview ? [QueueDetailKeys.map] : [], writeMode: header.writeMode)
        let longest = entries.map { DisplayWidth.of($0.help) }.max() ?? 0
        let w = min(s.width - 4, max(60, longest + 17))
        // An entry too long for the box continues on the next line under its text, never cut mid-word.
        let wrapped = entries.map { e in (e, DisplayWidth.wrapWords(e.help, to: max(1, w - 17))) }
        // As tall as it needs, up to the whole screen (it is an overlay: the header and footer can wait).
        let h = min(s.height, wrapped.reduce(0) { $0 + $1.1.count } + 6)
        let r = Rect(x: (s.width - w) / 2, y: (s.height - h) / 2, width: w, height: h)
        let inner = PanelFrame.draw(
            &s, r, title: "Help", summary: "", status: .init(text: "Esc closes", role: .dim, banner: nil),
            focused: true,
            glyphs: glyphs)
        var y = inner.y
        for (e, lines) in wrapped {
            guard y + lines.count <= inner.y + inner.height - 2 else { break }
            s.put(DisplayWidth.pad(e.label, to: 12), x: inner.x + 1, y: y, role: .label)
            for line in lines {
                s.put(line, x: inner.x + 14, y: y, role: e.dim ? .dim : .normal, maxWidth: inner.width - 15)
                y += 1
            }
        }
        let mode =
            header.replay
            ? "Replay: recorded data; nothing connects to Postgres or Redis."
            : header.writeMode
                ? "Write mode: every change is confirmed and audited." : "Read-only: never writes to Postgres or Redis."
        s.put(mode, x: inner.x + 1, y: inner.y + inner.height - 1, role: .dim, maxWidth: inner.width - 2)
    }
}
