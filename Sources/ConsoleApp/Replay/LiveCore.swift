import Console
import Model

/// The live console with its recent past: `[` leaves the live screen for a replay of the last hour (the same
/// keys as `replay`), Esc comes back. While the past is on screen the live core keeps receiving data, so
/// returning shows now, not the moment history was opened.
public struct LiveCore: ConsoleCore {
    public internal(set) var live: AppCore
    public internal(set) var history: ReplayCore?
    /// The recent past, when the runtime keeps one.
    let past: (any Timeline)?

    public init(_ live: AppCore, past: (any Timeline)?) {
        self.live = live
        self.past = past
    }

    public mutating func handle(_ event: AppEvent, now: Double) -> [Effect] {
        guard var h = history else {
            if case .key(.char("[")) = event, let past, !live.isTyping, past.end > past.start {
                var replay = ReplayCore(timeline: past, header: live.config.header, size: live.state.size, at: past.end)
                replay.adopt(live.state.ui, glyphs: live.state.view.glyphs)
                replay.perform(.stepBack)
                history = replay
                return [.render(delayMs: 0)]
            }
            return live.handle(event, now: now)
        }
        switch event {
        case .key(.escape) where h.prompt == nil && !h.core.hasOverlay:
            history = nil
            live.state.ui.status = nil
            return [.render(delayMs: 0)]
        case .key, .resized:
            let effects = h.handle(event, now: now)
            history = h
            if case .resized = event { _ = live.handle(event, now: now) }
            return effects
        case .tick:
            let effects = h.handle(event, now: now)
            history = h
            // The live side's work goes on (alarms, a quit waiting for a write); its frames are not drawn.
            return effects + live.handle(event, now: now).filter { !$0.isFrame }
        default:
            return live.handle(event, now: now).filter { !$0.isFrame }
        }
    }

    public func frame(now: Double) -> Surface { history?.frame() ?? live.frame(now: now) }

    /// Changes the glyph set (the runtime learns the locale after the terminal starts).
    public mutating func setGlyphs(_ glyphs: Glyphs) { live.setGlyphs(glyphs) }
}

extension Effect {
    var isFrame: Bool {
        if case .render = self { return true }
        return false
    }
}

extension AppCore {
    /// A text field or menu has the keys (`[` is then a character, not history).
    var isTyping: Bool { state.ui.issues.modal != nil || state.ui.workers.editor != nil }

    /// Something Esc would close first.
    var hasOverlay: Bool {
        let ui = state.ui
        return ui.showHelp || ui.showAlerts || ui.queueDetail != nil || ui.issues.modal != nil
            || ui.issues.detail != nil || ui.workers.editor != nil
    }
}

extension ReplayCore {
    /// Takes over the live console's screen, selections and glyphs, so history opens where the user was.
    mutating func adopt(_ ui: UIState, glyphs: Glyphs) {
        core.state.ui = ui
        core.state.ui.status = nil
        core.setGlyphs(glyphs)
        liveHistory = true
    }
}
