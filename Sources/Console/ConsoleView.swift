import Model

/// Renders a whole frame from pure inputs into a fresh `Surface`: header, the screen in view, its footer, and the
/// overlays (alerts, help). Same inputs, same cells — which is what the snapshot tests check. `clamp` keeps the
/// UI's scroll and selection inside what the screen can show; the app core calls it after every event.
public struct ConsoleView: Sendable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var header: HeaderInfo
    public var glyphs: Glyphs

    public init(header: HeaderInfo, glyphs: Glyphs = .unicode) {
        self.header = header
        self.glyphs = glyphs
    }

    /// The key map of a screen (its own keys; global keys are consulted after it).
    public static func keyMap(for screen: UIState.Screen) -> KeyMap {
        switch screen {
        case .overview: return OverviewScreen.keyMap
        case .issues: return IssuesScreen.keyMap
        case .workers: return WorkersScreen.keyMap
        }
    }

    func context(_ ui: UIState, now: Double, width: Int, height: Int) -> ScreenContext {
        ScreenContext(header: header, glyphs: glyphs, now: now, width: width, height: height, interval: ui.interval)
    }

    /// `ui` with every scroll offset and selection inside the content at this size.
    public func clamp(_ ui: UIState, state: ConsoleState, now: Double, width: Int, height: Int) -> UIState {
        var ui = ui
        let ctx = context(ui, now: now, width: width, height: height)
        ui.alertSelection = min(max(0, ui.alertSelection), max(0, state.alerts.alerts.count - 1))
        switch ui.screen {
        case .overview: ui = OverviewScreen.clamp(ui, state: state, context: ctx)
        case .issues: ui.issues = IssuesScreen.clamp(ui.issues, state: state, context: ctx)
        case .workers: ui.workers = WorkersScreen.clamp(ui.workers, state: state, context: ctx)
        }
        return ui
    }

    public func render(state: ConsoleState, ui: UIState, now: Double, width: Int, height: Int) -> Surface {
        var s = Surface(width: width, height: height)
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            let need = "need \(Self.minimumWidth)×\(Self.minimumHeight)"
            let msg = "terminal too small (\(need), have \(width)×\(height))"
            let lines =
                DisplayWidth.of(msg) <= width
                ? [msg] : ["terminal too small", need, "have \(width)×\(height)", "q quits"]
            for (i, l) in lines.enumerated() {
                let y = height / 2 - lines.count / 2 + i
                s.put(l, x: max(0, (width - DisplayWidth.of(l)) / 2), y: y, role: .warn, maxWidth: width)
            }
            return s
        }
        let ctx = context(ui, now: now, width: width, height: height)
        HeaderBar.draw(&s, header: header, ui: ui, now: now)
        switch ui.screen {
        case .overview: OverviewScreen.draw(&s, state: state, ui: ui, context: ctx)
        case .issues: IssuesScreen.draw(&s, state: state, ui: ui, context: ctx)
        case .workers: WorkersScreen.draw(&s, state: state, ui: ui, context: ctx)
        }
        AlertsView.drawStrip(&s, y: 1, engine: state.alerts)
        if let d = ui.queueDetail, ui.screen == .overview {
            QueueDetailView.draw(&s, state: state, detail: d, now: now, sentryURL: header.sentryURL, glyphs: glyphs)
        }
        if ui.showAlerts {
            let selection = min(ui.alertSelection, max(0, state.alerts.alerts.count - 1))
            AlertsView.drawOverlay(
                &s, engine: state.alerts, now: now, utcOffset: header.utcOffset, glyphs: glyphs, selection: selection,
                incidents: state.thresholds.sentryIncidents ? nil : state.postgres.latest?.openIncidents)
        }
        if ui.showHelp { HelpOverlay.draw(&s, screen: ui.screen, header: header, glyphs: glyphs) }
        if let editor = ui.contextPrompt {
            let body = Rect(x: 0, y: 2, width: width, height: max(0, height - 3))
            IssuesModal.box(
                &s, body, title: "Switch install",
                lines: [
                    ("context: " + editor.text + "▏", .value),
                    (
                        "contexts: "
                            + header.contexts.map { $0 == header.contextName ? "\($0) (now)" : $0 }
                            .joined(separator: ", "), .dim
                    ),
                    ("Enter reconnects there (the screen restarts) · Esc cancels", .dim),
                ], glyphs: glyphs)
        }
        return s
    }
}
