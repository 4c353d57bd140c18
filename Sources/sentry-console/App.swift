import Console
import Dispatch
import Foundation
import Model
import Probes
import Terminal

/// Wires probes, state and screen together on the main actor. Samplers run as tasks that await the
/// probes' own threads, so a hung source never delays keys or drawing; each result is reduced into
/// `ConsoleState` and a redraw is scheduled (coalesced: results arriving within 100 ms share one frame; keys draw at once).
@MainActor
final class App {
    private let postgres: PostgresSource
    private let redis: RedisSource
    private let listener: EventListener
    private let pidbox: PidboxClient?
    private let backend = NcursesBackend()
    private var state: ConsoleState
    private var ui: UIState
    private var view: OverviewView
    private let theme: Theme
    private let forceASCII: Bool
    private var sources: [DispatchSourceProtocol] = []
    private var samplers: [Task<Void, Never>] = []
    private var renderScheduled = false
    private let bell: Bool
    private var firingKeys: Set<String> = []
    private var finish: CheckedContinuation<Int32, Never>?
    private let triage: Triage?
    /// One per sampler; rung to make it sample now (new query or sort, faster interval, resume).
    private let alarms = (postgres: Alarm(), redis: Alarm(), events: Alarm(), pidbox: Alarm(), issues: Alarm())

    init(
        postgres: PostgresSource, redis: RedisSource, listener: EventListener, pidbox: PidboxClient?, postgresLabel: String, redisLabel: String, interval: Double, theme: Theme,
        forceASCII: Bool, taskbrokerMigration: Int, thresholds: AlertThresholds, bell: Bool, sentryURL: String = "",
        triage: Triage? = nil
    ) {
        self.triage = triage
        self.postgres = postgres
        self.redis = redis
        self.listener = listener
        self.pidbox = pidbox
        self.theme = theme
        self.forceASCII = forceASCII
        state = ConsoleState(interval: interval, taskbrokerMigration: taskbrokerMigration)
        state.thresholds = thresholds
        self.bell = bell
        ui = UIState(interval: interval)
        var header = HeaderInfo(
            postgresTarget: postgresLabel, redisTarget: redisLabel, writeMode: triage != nil,
            utcOffset: Self.localUTCOffset())
        header.sentryURL = sentryURL
        header.actor = triage?.actor.label ?? ""
        header.workerInspection = pidbox?.configuration.serializer
        view = OverviewView(header: header)
    }

    /// Seconds east of UTC now, from libc (`localtime_r`): Foundation's TimeZone would load ICU's data, several
    /// MiB of resident memory for one number.
    nonisolated static func localUTCOffset() -> Int {
        var t = time(nil)
        var parts = tm()
        guard localtime_r(&t, &parts) != nil else { return 0 }
        return parts.tm_gmtoff
    }

    /// Runs until the user quits or a terminating signal arrives; returns the exit code.
    func run() async -> Int32 {
        let monochrome = theme == Theme.mono
        if let problem = backend.start(theme: theme, monochrome: monochrome) {
            FileHandle.standardError.write(Data("sentry-console: \(problem); try `sentry-console snapshot`\n".utf8))
            return 1
        }
        let codeset = String(cString: nl_langinfo(Int32(CODESET)))
        view.glyphs = forceASCII || codeset.uppercased() != "UTF-8" ? .ascii : .unicode
        installEventSources()
        startSamplers()
        render()
        let code = await withCheckedContinuation { self.finish = $0 }
        samplers.forEach { $0.cancel() }
        sources.forEach { $0.cancel() }
        backend.stop()
        listener.stop()
        await pidbox?.finish()
        return code
    }

    private func quit(_ code: Int32) {
        guard let f = finish else { return }
        finish = nil
        f.resume(returning: code)
    }

    // MARK: - Events

    private func installEventSources() {
        // A parent may have left these blocked (children inherit the mask); we handle them, so unblock them.
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        let input = DispatchSource.makeReadSource(fileDescriptor: STDIN_FILENO, queue: .main)
        input.setEventHandler { [weak self] in MainActor.assumeIsolated { self?.onInput() } }
        input.resume()
        sources.append(input)
        for (sig, code) in [(SIGINT, Int32(130)), (SIGTERM, 143), (SIGHUP, 129)] {
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            s.setEventHandler { [weak self] in MainActor.assumeIsolated { self?.quit(code) } }
            s.resume()
            sources.append(s)
        }
        signal(SIGWINCH, SIG_IGN)
        let winch = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .main)
        winch.setEventHandler { [weak self] in
            MainActor.assumeIsolated {
                self?.backend.resize()
                self?.render()
            }
        }
        winch.resume()
        sources.append(winch)
        // Ages and the clock move once a second even when no data arrives.
        let tick = DispatchSource.makeTimerSource(queue: .main)
        tick.schedule(deadline: .now() + 1, repeating: 1, leeway: .milliseconds(100))
        tick.setEventHandler { [weak self] in MainActor.assumeIsolated { self?.onTick() } }
        tick.resume()
        sources.append(tick)
    }

    /// Once a second: `for` durations elapse with time, not only with new data. The screen is redrawn only
    /// when something on it moves with time alone, so an idle overview costs no frame at all between samples.
    private func onTick() {
        let now = Date().timeIntervalSince1970
        let before = state.alerts.alerts
        state.evaluateAlerts(now: now)
        let minute = Int(now / 60)
        if state.alerts.alerts != before || minute != lastTickMinute || showsLiveTimes(now: now) { scheduleRender() }
        lastTickMinute = minute
    }

    private var lastTickMinute = -1

    /// Whether the screen shows times that change every second: outage and stale ages, silent workers, and the
    /// screens and overlays with relative times (Issues, Workers, alerts).
    private func showsLiveTimes(now: Double) -> Bool {
        if ui.screen != .overview || ui.showAlerts { return true }
        let fresh = ui.interval + 1
        for age in [state.postgres.age(now: now), state.redis.age(now: now)] where (age ?? .infinity) > fresh { return true }
        if state.postgres.failure != nil || state.redis.failure != nil { return true }
        return state.workers.rows(now: now).contains { !$0.liveness.isAlive }
    }

    private func onInput() {
        let keys = backend.readKeys()
        if keys.isEmpty && backend.inputHungUp {
            quit(129)  // the terminal went away: behave as on SIGHUP
            return
        }
        for key in keys {
            if key == .resize {
                backend.resize()
                continue
            }
            if ui.screen == .workers && !ui.showHelp && !ui.showAlerts,
               ui.workers.handle(key, pageSize: max(1, backend.size.height - 6)) {
                continue
            }
            if ui.screen == .issues && !ui.showHelp && !ui.showAlerts {
                ui.issues.notice = nil
                let rows = state.issueRows(now: Date().timeIntervalSince1970)
                let page = max(1, backend.size.height - 7)
                if let handled = ui.issues.handle(key, rows: rows, writeMode: triage != nil, pageSize: page) {
                    if let intent = handled { perform(intent) }
                    continue
                }
            }
            guard let command = Command.command(for: key) else { continue }
            let page = max(1, (view.layout(width: backend.size.width, height: backend.size.height)[ui.focus]?.height ?? 10) - 3)
            if !ui.handle(command, pageSize: page) {
                quit(0)
                return
            }
            if command == .redraw { backend.invalidate() }
            silence(command)
            if command == .faster || command == .slower { state.setInterval(ui.interval) }
            if command == .faster || (command == .togglePause && !ui.paused) { ringAll() }
            if command == .showIssues { alarms.issues.ring() }
        }
        render()
    }

    // MARK: - Issues

    private func perform(_ intent: IssuesUI.Intent) {
        switch intent {
        case .refresh:
            alarms.issues.ring()
        case .openDetail(let row):
            state.clearIssueDetail()
            loadDetail(row)
        case .closeDetail:
            state.clearIssueDetail()
        case .copyURL(let row):
            if let url = view.header.issueURL(row) {
                backend.copyToClipboard(url)
                ui.issues.notice = .init("copied \(url)")
            } else {
                ui.issues.notice = .init("no URL: set --sentry-url (or console.sentry_url)", isError: true)
            }
        case .apply(let action, let targets):
            apply(action, targets)
        }
    }

    private func loadDetail(_ row: IssueRow) {
        let pg = postgres
        Task { [weak self] in
            let result = await pg.issueDetail(row)
            self?.apply(.issueDetail(result, at: Date().timeIntervalSince1970))
        }
    }

    /// Runs a confirmed triage action: audit `begin` (no audit line, no write), the writes, audit `end`,
    /// then a summary notice and a fresh stream.
    private func apply(_ action: TriageAction, _ targets: [TriageTarget]) {
        guard let triage else {
            ui.issues.notice = .init("read-only: nothing written", isError: true)
            return
        }
        let install = view.header.postgresTarget
        if let problem = triage.audit.append(.init(phase: "begin", install: install, actor: triage.actor, action: action, targets: targets)) {
            ui.issues.notice = .init("not written: \(problem)", isError: true)
            return
        }
        ui.issues.notice = .init("\(action.label): writing \(targets.count)…")
        Task { [weak self] in
            let outcomes = await triage.writer.apply(action, to: targets, actor: triage.actor)
            let problem = triage.audit.append(.init(phase: "end", install: install, actor: triage.actor, action: action, targets: targets, outcomes: outcomes))
            self?.finishTriage(action, targets, outcomes, auditProblem: problem)
        }
    }

    private func finishTriage(_ action: TriageAction, _ targets: [TriageTarget], _ outcomes: [TriageOutcome], auditProblem: String?) {
        let applied = outcomes.filter { $0 == .applied }.count
        var text = "\(action.label): \(applied)/\(targets.count) applied"
        var isError = false
        for (t, o) in zip(targets, outcomes) {
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
        ui.issues.notice = .init(text, isError: isError)
        ui.issues.marked = []
        alarms.issues.ring()
        if let id = ui.issues.detail, let row = state.issueRows(now: Date().timeIntervalSince1970).first(where: { $0.id == id }) {
            loadDetail(row)
        }
        render()
    }

    /// The issue stream's request as of now.
    private func issueRequest() -> (IssueQuery, IssueSort, Int64?) {
        (ui.issues.query, ui.issues.sort, triage?.actor.id)
    }

    /// Off the Issues screen the stream still feeds per-issue rates and the spike rule, at most every 5 s.
    private var issuesInterval: Double { ui.screen == .issues ? ui.interval : max(5, ui.interval) }

    /// Acknowledge/snooze act on the alert selected in the overlay. Read-only: local to this console. Write
    /// mode: also shared with other consoles through Redis (`sentry-console:silences`), attributed to the
    /// acting Sentry user, and audited.
    private func silence(_ command: Command) {
        guard ui.showAlerts, let key = AlertsView.selectedKey(state.alerts, selection: ui.alertSelection) else { return }
        let now = Date().timeIntervalSince1970
        let who = triage?.actor.email ?? AuditLog.osUser
        switch command {
        case .acknowledge: state.alerts.acknowledge(key, by: who, now: now)
        case .snoozeShort: state.alerts.snooze(key, for: 1800, by: who, now: now)
        case .snoozeLong: state.alerts.snooze(key, for: 3600, by: who, now: now)
        case .unsilence: state.alerts.unsilence(key, now: now)
        default: return
        }
        guard let triage else { return }
        let silence = state.alerts.silenced[key]
        if let problem = triage.audit.appendSilence(key: key, silence, install: view.header.redisTarget, actor: triage.actor) {
            ui.issues.notice = .init("not shared: \(problem)", isError: true)
            return
        }
        let rd = redis
        Task { [weak self] in
            if let e = await rd.publishSilence(key: key, silence) {
                self?.ui.issues.notice = .init("acknowledgement not shared: \(e.message)", isError: true)
            }
        }
    }

    // MARK: - Sampling

    private func startSamplers() {
        let pg = postgres
        let rd = redis
        samplers.append(Task.detached { [self] in
            await Self.loop(app: self, alarm: self.alarms.postgres, every: { await self.interval }, sample: { await pg.sample() },
                            event: { result, at, retry in .postgres(result, at: at, retryAt: retry) })
        })
        samplers.append(Task.detached { [self] in
            await Self.loop(app: self, alarm: self.alarms.redis, every: { await self.interval }, sample: { await rd.sample() },
                            event: { result, at, retry in .redis(result, at: at, retryAt: retry) })
        })
        let events = listener
        samplers.append(Task.detached { [self] in
            await Self.loop(app: self, alarm: self.alarms.events, every: { await self.interval }, sample: { events.drain() },
                            event: { result, at, retry in .heartbeats(result, at: at, retryAt: retry) })
        })
        if let pidbox {
            // A round lasts the reply window (1 s by default); at most one round every 2 s.
            samplers.append(Task.detached { [self] in
                await Self.loop(app: self, alarm: self.alarms.pidbox, every: { max(2, await self.interval) }, sample: { await pidbox.inspect() },
                                event: { result, at, retry in .inspection(result, at: at, retryAt: retry) })
            })
        }
        // The issue stream follows the Issues screen's query and sort, and re-reads at once when woken (new
        // query or sort, after a write).
        samplers.append(Task.detached { [self] in
            await Self.loop(
                app: self, alarm: self.alarms.issues, every: { await self.issuesInterval },
                sample: {
                    let (query, sort, me) = await self.issueRequest()
                    return await pg.issues(query, sort: sort, me: me)
                },
                event: { result, at, retry in .issues(result, at: at, retryAt: retry) })
        })
    }

    /// Samples, reports, and waits on `alarm`: `every()` after success, an exponential backoff (1 s … 30 s)
    /// after failure. The app rings the alarm when the sampler must act early (a new query or sort, a faster
    /// interval, resume). Nothing is sampled while paused. The task is cancelled by `run()` before the app goes.
    private nonisolated static func loop<S: Sendable>(
        app: App, alarm: Alarm, every: @escaping @Sendable () async -> Double,
        sample: @Sendable () async -> Result<S, ProbeError>,
        event: @Sendable (Result<S, ProbeError>, Double, Double) -> ProbeEvent
    ) async {
        var failures = 0
        // Fixed-rate: the next sample is due one interval after the previous was due, not after it finished, so
        // samplers started together stay in phase and their results share one frame.
        var due = Date().timeIntervalSince1970
        while !Task.isCancelled {
            if await app.isPaused {
                await alarm.wait(seconds: 1)
                due = Date().timeIntervalSince1970
                continue
            }
            let result = await sample()
            let now = Date().timeIntervalSince1970
            let interval = await every()
            if case .failure = result { failures += 1 } else { failures = 0 }
            let delay = failures == 0 ? interval : min(30, pow(2, Double(failures - 1)))
            due = failures == 0 && due + delay > now ? due + delay : now + delay
            await app.apply(event(result, now, due))
            await alarm.wait(seconds: due - Date().timeIntervalSince1970)
            due = min(due, Date().timeIntervalSince1970)  // rung early: the next period starts now
        }
    }

    /// Every sampler samples now (a faster interval, resume, the Issues screen opened).
    private func ringAll() {
        for a in [alarms.postgres, alarms.redis, alarms.events, alarms.pidbox, alarms.issues] { a.ring() }
    }

    private var isPaused: Bool { ui.paused }
    private var interval: Double { ui.interval }

    private func apply(_ event: ProbeEvent) {
        // No heartbeat since the last drain, listener healthy: nothing to draw.
        if case .heartbeats(.success(let beats), _, _) = event, beats.isEmpty, state.heartbeats.failure == nil {
            state.apply(event)
            return
        }
        state.apply(event)
        scheduleRender()
    }

    // MARK: - Drawing

    private func scheduleRender() {
        guard !renderScheduled else { return }
        renderScheduled = true
        // Until both sources have answered once, draw quickly (the first complete frame); then coalesce.
        let wait = state.postgres.latest == nil || state.redis.latest == nil ? 20 : 100
        DispatchQueue.main.asyncAfter(deadline: .now() + .milliseconds(wait)) { [weak self] in
            MainActor.assumeIsolated {
                self?.renderScheduled = false
                self?.render()
            }
        }
    }

    private func render() {
        let firing = Set(state.alerts.loud.map(\.key))
        if bell && !firing.subtracting(firingKeys).isEmpty { backend.beep() }
        firingKeys = firing
        let size = backend.size
        let (surface, clamped) = view.render(
            state: state, ui: ui, now: Date().timeIntervalSince1970, width: size.width, height: size.height)
        ui = clamped
        backend.present(surface)
    }
}
