import Console
import Model

/// The console's behaviour as a pure reducer: `handle(_:now:)` applies an event to `state` and returns the
/// effects for the runtime to carry out. No I/O, no clock, no terminal: every test drives it directly.
public struct AppCore: Sendable {
    public struct Configuration: Sendable {
        public var header: HeaderInfo
        public var glyphs: Glyphs = .unicode
        public var interval: Double = 2
        public var thresholds = AlertThresholds()
        public var taskbrokerMigration = SentryInstall.defaultTaskbrokerMigration
        public var bell = false
        /// Who acknowledges alerts: the acting Sentry user in write mode, else the OS user.
        public var silenceActor = "console"
        /// Seconds a quit waits for a write in flight before it gives up on its outcome.
        public var quitGrace: Double = 10

        public init(header: HeaderInfo) { self.header = header }
    }

    public internal(set) var state: AppState
    let config: Configuration

    public init(_ config: Configuration, size: (width: Int, height: Int) = (120, 40)) {
        self.config = config
        state = AppState(
            data: ConsoleState(
                interval: config.interval, taskbrokerMigration: config.taskbrokerMigration,
                thresholds: config.thresholds),
            ui: UIState(interval: config.interval), view: ConsoleView(header: config.header, glyphs: config.glyphs),
            size: size)
    }

    /// Applies one event. Scroll and selection are clamped to what the screen can show around every key and on a
    /// resize — not on data or ticks: drawing clamps what it draws, so the refresh loop pays for no extra pass.
    public mutating func handle(_ event: AppEvent, now: Double) -> [Effect] {
        switch event {
        case .key(let key):
            clamp(now: now)
            defer { clamp(now: now) }
            return handleKey(key, now: now)
        case .probe(let e): return handleProbe(e, now: now)
        case .tick: return handleTick(now: now)
        case .resized(let w, let h):
            state.size = (w, h)
            clamp(now: now)
            return [.render(delayMs: 0)]
        case .terminate(let code): return quit(code, now: now, force: state.pendingQuit != nil)
        case .auditBegan(let id, let problem): return auditBegan(id, problem: problem, now: now)
        case .triageFinished(let id, let outcomes, let auditProblem):
            return triageFinished(id, outcomes, auditProblem: auditProblem, now: now)
        case .silenceNotShared(let problem):
            state.ui.status = Notice("acknowledgement not shared: \(problem)", isError: true)
            return [.render(delayMs: 0)]
        case .recordingStopped(let problem):
            state.ui.status = Notice("recording stopped (the console keeps running): \(problem)", isError: true)
            return [.render(delayMs: 0)]
        }
    }

    /// Keeps scroll offsets and selections inside the content at the current size.
    mutating func clamp(now: Double) {
        state.ui = state.view.clamp(
            state.ui, state: state.data, now: now, width: state.size.width, height: state.size.height)
    }

    /// The frame for the current state.
    public func frame(now: Double) -> Surface {
        state.view.render(state: state.data, ui: state.ui, now: now, width: state.size.width, height: state.size.height)
    }

    /// The issue stream's request as of now: query, sort.
    public var issueRequest: (IssueQuery, IssueSort) { (state.ui.issues.query, state.ui.issues.sort) }

    /// How often the Redis probe should read `CLIENT LIST`: the Workers screen shows its per-address figures.
    public var clientListDemand: ClientListDemand {
        ClientListDemand(inView: state.ui.screen == .workers, requests: state.ui.workers.clientListRequests)
    }

    /// Seconds between samples of a sampler: pings at most every 2 s; off the Issues screen the stream still
    /// feeds per-issue rates and the spike rule (which needs 20 s of history), every 15 s.
    public func cadence(of sampler: SamplerID) -> Double {
        switch sampler {
        case .pidbox: return max(2, state.interval)
        case .issues: return state.ui.screen == .issues ? state.interval : max(15, state.interval)
        default: return state.interval
        }
    }

    /// Changes the glyph set (the runtime learns the locale after the terminal starts).
    public mutating func setGlyphs(_ glyphs: Glyphs) { state.view.glyphs = glyphs }

    // MARK: - Probes and time

    /// Applies a probe result. A frame follows only when the result can change the screen in view: what the
    /// screen shows, or the alerts every screen shows (an off-screen issue stream refresh draws nothing).
    mutating func handleProbe(_ event: ProbeEvent, now: Double) -> [Effect] {
        // No heartbeat since the last drain, listener healthy: nothing to draw.
        var visible = shows(event)
        if case .heartbeats(.success(let beats), _, _) = event, beats.isEmpty, state.data.heartbeats.failure == nil {
            visible = false
        }
        let alerts = state.data.alerts.alerts
        state.data.apply(event)
        var effects = bell()
        if case .issues(.success(let snap), _, _) = event { effects += openPendingIssue(snap.rows) }
        if case .redis(.success(let r), _, _) = event, let b = r.breakdowns {
            let missing = state.data.names.missing(in: b)
            if !missing.projects.isEmpty || !missing.issues.isEmpty {
                effects.append(.resolveNames(projects: missing.projects, issues: missing.issues))
            }
        }
        guard visible || state.data.alerts.alerts != alerts else { return effects }
        // Until both sources have answered once, draw quickly (the first complete frame); then coalesce.
        let first = state.data.postgres.latest == nil || state.data.redis.latest == nil
        effects.append(.render(delayMs: first ? 20 : 100))
        return effects
    }

    /// Whether the screen in view draws what `event` carries.
    func shows(_ event: ProbeEvent) -> Bool {
        switch event {
        case .issues, .issueDetail: return state.ui.screen == .issues
        default: return true
        }
    }

    /// Once a second: `for` durations elapse with time, not only with new data. A frame is drawn only when
    /// something on screen moves with time alone, so an idle overview costs no frame between samples.
    mutating func handleTick(now: Double) -> [Effect] {
        if let q = state.pendingQuit, now - q.at >= config.quitGrace { return quit(q.code, now: now, force: true) }
        let before = state.data.alerts.alerts
        state.data.evaluateAlerts(now: now)
        let minute = Int(now / 60)
        var effects = bell()
        if state.data.alerts.alerts != before || minute != state.lastTickMinute || showsLiveTimes(now: now) {
            effects.append(.render(delayMs: 100))
        }
        state.lastTickMinute = minute
        return effects
    }

    /// Whether the screen shows times that change every second: outage and stale ages, silent workers, and the
    /// screens and overlays with relative times (Issues, Workers, alerts).
    func showsLiveTimes(now: Double) -> Bool {
        let ui = state.ui
        let data = state.data
        if ui.screen != .overview || ui.showAlerts { return true }
        let fresh = ui.interval + 1
        for age in [data.postgres.age(now: now), data.redis.age(now: now)] where (age ?? .infinity) > fresh {
            return true
        }
        if data.postgres.failure != nil || data.redis.failure != nil { return true }
        return data.workers.rows(now: now).contains { !$0.liveness.isAlive }
    }

    /// The bell for alerts that became loud since the last check (when enabled).
    mutating func bell() -> [Effect] {
        let loud = Set(state.data.alerts.loud.map(\.key))
        defer { state.loudKeys = loud }
        return config.bell && !loud.subtracting(state.loudKeys).isEmpty ? [.beep] : []
    }
}

// MARK: - Replay

extension AppCore {
    /// Forgets every sample (a replay seeking backwards rebuilds from a point in the past); the UI stays.
    mutating func resetData() {
        state.data = ConsoleState(
            interval: config.interval, taskbrokerMigration: config.taskbrokerMigration, thresholds: config.thresholds)
        state.loudKeys = []
    }

    /// Re-runs the rules at `now` and clamps the UI to the data, as a tick would.
    mutating func settle(now: Double) {
        state.data.evaluateAlerts(now: now)
        clamp(now: now)
    }

    /// A recorded acknowledgement or snooze, applied as it happened (not shared, not audited again).
    mutating func replaySilence(_ key: String, _ change: ConsoleState.SilenceChange, by: String, now: Double)
        -> AlertEngine.Silence?
    {
        state.data.silence(key, change, by: by, now: now)
    }

    /// The recorded sampling interval from here on: the model's rates and buckets, and the header's figure.
    mutating func replayInterval(_ seconds: Double) {
        state.data.setInterval(seconds)
        state.ui.interval = seconds
    }

    /// Puts `notice` on the status line (nil clears it).
    mutating func notify(_ notice: Notice?) { state.ui.status = notice }
}
