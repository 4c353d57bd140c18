import Console
import Model

/// Key routing: an open overlay's keys, else the screen's (its modal, then its key map), then the global map.
extension AppCore {
    mutating func handleKey(_ key: Key, now: Double) -> [Effect] {
        if key == .resize { return [.resize, .render(delayMs: 0)] }
        switch key {
        case .wheelUp, .wheelDown:
            // The wheel moves like the arrow keys, three rows a notch, on whatever has them in view.
            return (0..<3).flatMap { _ in handleKey(key == .wheelUp ? .up : .down, now: now) }
        case .click(let x, let y): return click(x: x, y: y, now: now)
        default: break
        }
        state.ui.status = nil
        if let editor = state.ui.contextPrompt { return handleContextPrompt(key, editor: editor) }
        let ui = state.ui
        var action: Action?
        if ui.showHelp {
            action = GlobalKeys.map.action(for: key)
        } else if ui.showAlerts {
            action = AlertsKeys.map.over(GlobalKeys.map).action(for: key)
        } else if ui.queueDetail != nil && ui.screen == .overview {
            action = QueueDetailKeys.map.over(GlobalKeys.map).action(for: key)
        } else {
            switch ui.screen {
            case .overview:
                action = OverviewScreen.keyMap.over(GlobalKeys.map).action(for: key)
            case .workers:
                let asked = state.ui.workers.clientListRequests
                if state.ui.workers.handle(key, pageSize: WorkersScreen.pageSize(height: state.size.height)) {
                    let read = state.ui.workers.clientListRequests != asked
                    return (read ? [.wake(.redis)] : []) + [.render(delayMs: 0)]
                }
                action = GlobalKeys.map.action(for: key)
            case .issues:
                let rows = state.data.issueRows(now: now)
                let page = IssuesScreen.pageSize(height: state.size.height)
                if let intents = state.ui.issues.handle(key, rows: rows, writeMode: state.writeMode, pageSize: page) {
                    return intents.flatMap { perform($0, now: now) } + [.render(delayMs: 0)]
                }
                action = GlobalKeys.map.action(for: key)
            }
        }
        guard let action else { return [] }
        let effects = perform(action, now: now)
        // A quit draws nothing more; a repaint draws its own frame.
        let drawn = effects.contains { if case .quit = $0 { true } else { $0 == .repaint } }
        return drawn ? effects : effects + [.render(delayMs: 0)]
    }

    /// A global, Overview or alerts-overlay action.
    mutating func perform(_ action: Action, now: Double) -> [Effect] {
        switch action {
        case .quit: return quit(0, now: now, force: state.pendingQuit != nil)
        case .redraw: return [.repaint]
        case .contextPrompt: return openContextPrompt() + [.render(delayMs: 0)]
        case .acknowledge: return silence(.acknowledge, now: now)
        case .snoozeShort: return silence(.snooze(seconds: 1800), now: now)
        case .snoozeLong: return silence(.snooze(seconds: 3600), now: now)
        case .unsilence: return silence(.unsilence, now: now)
        case .open where state.ui.screen == .overview: return open(now: now)
        default: break
        }
        let page = OverviewScreen.pageSize(
            state.ui, width: state.size.width, height: state.size.height, state: state.data, now: now)
        let wasPaused = state.ui.paused
        guard state.ui.perform(action, pageSize: page) else { return [] }
        switch action {
        case .faster, .slower:
            state.data.setInterval(state.ui.interval)
            return action == .faster ? SamplerID.allCases.map { .wake($0) } : []
        case .togglePause where wasPaused: return SamplerID.allCases.map { .wake($0) }
        case .show(.issues): return [.wake(.issues)]
        case .show(.workers): return [.wake(.redis)]
        case .up where state.ui.queueDetail != nil, .down where state.ui.queueDetail != nil:
            clamp(now: now)
            return loadKeysForSelection()
        default: return []
        }
    }

    /// Acknowledge/snooze act on the alert selected in the overlay. Read-only: local to this console. Write mode:
    /// also shared with other consoles through Redis, attributed to the acting Sentry user, and audited.
    mutating func silence(_ change: ConsoleState.SilenceChange, now: Double) -> [Effect] {
        guard state.ui.showAlerts,
            let key = AlertsView.selectedKey(state.data.alerts, selection: state.ui.alertSelection)
        else { return [] }
        let silence = state.data.silence(key, change, by: config.silenceActor, now: now)
        let noted = Effect.silenced(key: key, change: change, by: config.silenceActor, at: now)
        return state.writeMode ? [noted, .shareSilence(key: key, silence: silence)] : [noted]
    }

    /// Quits, unless a write is in flight: then the quit waits for its outcome (up to `quitGrace`); a second quit,
    /// or the grace running out, quits at once and records the write's outcome as unknown.
    mutating func quit(_ code: Int32, now: Double, force: Bool) -> [Effect] {
        guard let job = state.pendingWrite else { return [.quit(code)] }
        if force {
            state.pendingWrite = nil
            return [.auditAbandoned(job), .quit(state.pendingQuit?.code ?? code)]
        }
        state.pendingQuit = (code, now)
        state.ui.status = Notice("waiting for the write to finish before quitting (q again quits now)…", isError: true)
        return [.render(delayMs: 0)]
    }
}

/// The `:` prompt: another named install by name; the runtime restarts the console there (`Effect.switchContext`).
extension AppCore {
    mutating func openContextPrompt() -> [Effect] {
        guard !config.header.contexts.isEmpty else {
            state.ui.status = Notice("no named installs: add [contexts.NAME] tables to the config file", isError: true)
            return []
        }
        state.ui.contextPrompt = LineEditor("", limit: 100)
        return []
    }

    mutating func handleContextPrompt(_ key: Key, editor: LineEditor) -> [Effect] {
        var editor = editor
        switch editor.handle(key) {
        case .cancel: state.ui.contextPrompt = nil
        case .editing: state.ui.contextPrompt = editor
        case .submit(let text):
            let name = text.trimmingSpaces()
            let header = config.header
            state.ui.contextPrompt = nil
            if name.isEmpty || name == header.contextName { return [.render(delayMs: 0)] }
            guard header.contexts.contains(name) else {
                state.ui.status = Notice(
                    "no context '\(name)'; contexts: \(header.contexts.joined(separator: ", "))", isError: true)
                return [.render(delayMs: 0)]
            }
            guard !(header.writeMode && header.readOnlyContexts.contains(name)) else {
                state.ui.status = Notice(
                    "context '\(name)' refuses writes: quit and start it without --write", isError: true)
                return [.render(delayMs: 0)]
            }
            guard state.pendingWrite == nil else {
                state.ui.status = Notice("a write is in flight: switch when it has finished", isError: true)
                return [.render(delayMs: 0)]
            }
            return [.switchContext(name)]
        }
        return [.render(delayMs: 0)]
    }
}
