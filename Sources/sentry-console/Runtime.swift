import Console
import ConsoleApp
import Dispatch
import Foundation
import Model
import Probes
import Recording
import Terminal

/// The interactive console's small runtime: turns terminal input, signals and the clock into `AppEvent`s for the
/// app core, and carries out the effects that touch probes, the audit log and the writer. Blocking work runs on
/// the probes' own threads; everything here runs on the main actor.
@MainActor
final class Runtime {
    struct Feeds {
        let postgres: PostgresSource
        let redis: RedisSource
        let listener: EventListener
        let pidbox: PidboxClient?
    }

    let feeds: Feeds
    private let backend = NcursesBackend()
    private let driver: AppDriver<LiveCore>
    private let theme: Theme
    private let forceASCII: Bool
    private let mouse: Bool
    private let triage: Triage?
    /// `watch --record`: what the console receives, appended to a recording.
    var recorder: LiveRecorder?
    /// The last hour, compressed in memory, for `[` (history without a recorder).
    private let past: MemoryTimeline
    private var lastTransition: AlertTransition?
    private var sources: [DispatchSourceProtocol] = []
    private var samplers: [Task<Void, Never>] = []
    private var finish: CheckedContinuation<Int32, Never>?
    /// Set when the run ended to start over on another named install (`:`).
    private(set) var switchTo: String?
    /// One per sampler; rung to make it sample now.
    let alarms = Dictionary(uniqueKeysWithValues: SamplerID.allCases.map { ($0, Alarm()) })

    init(feeds: Feeds, config: AppCore.Configuration, theme: Theme, forceASCII: Bool, mouse: Bool, triage: Triage?) {
        self.feeds = feeds
        self.theme = theme
        self.forceASCII = forceASCII
        self.mouse = mouse
        self.triage = triage
        past = MemoryTimeline(
            header: RecordingHeader(
                console: Version.number, started: Date().timeIntervalSince1970,
                interval: config.interval, install: config.header.context, postgres: config.header.postgresTarget,
                redis: config.header.redisTarget, thresholds: config.thresholds,
                taskbrokerMigration: config.taskbrokerMigration))
        driver = AppDriver(core: LiveCore(AppCore(config), past: past), backend: backend)
        driver.perform = { [weak self] effect in self?.perform(effect) }
    }

    /// Starts `watch --record`: a failure to write shows on the status line and stops only the recording.
    func startRecording(_ writer: RecordingWriter) {
        recorder = LiveRecorder(writer: writer) { [weak self] problem in
            Task { @MainActor in self?.driver.send(.recordingStopped(problem: problem)) }
        }
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
        if let problem = backend.start(theme: theme, monochrome: theme == Theme.mono, mouse: mouse) {
            FileHandle.standardError.write(Data("sentry-console: \(problem); try `sentry-console snapshot`\n".utf8))
            return 1
        }
        let glyphs: Glyphs = forceASCII || !backend.unicodeLocale ? .ascii : .unicode
        driver.configure { $0.setGlyphs(glyphs) }
        driver.send(.resized(width: backend.size.width, height: backend.size.height))
        installEventSources()
        samplers = startSamplers()
        let code = await withCheckedContinuation { self.finish = $0 }
        for s in samplers { s.cancel() }
        for s in sources { s.cancel() }
        backend.stop()
        recorder?.close()
        feeds.listener.stop()
        await feeds.pidbox?.finish()
        return code
    }

    // MARK: - Event sources

    private func installEventSources() {
        sources = TerminalEvents.install(backend: backend) { [weak self] in self?.driver.send($0) }
    }

    // MARK: - Effects

    private func perform(_ effect: Effect) {
        switch effect {
        case .quit(let code):
            guard let f = finish else { return }
            finish = nil
            f.resume(returning: code)
        case .switchContext(let name):
            // The run ends like a quit; `Watch` starts over on `name` (new connections, header, thresholds).
            guard let f = finish else { return }
            finish = nil
            switchTo = name
            f.resume(returning: 0)
        case .wake(let id): alarms[id]?.ring()
        case .loadProjectKeys(let id):
            let pg = feeds.postgres
            Task { [weak self] in
                let result = await pg.projectKeys(id)
                self?.driver.send(.probe(.projectKeys(id: id, result, at: Date().timeIntervalSince1970)))
            }
        case .resolveNames(let projects, let issues):
            let pg = feeds.postgres
            Task { [weak self] in
                let result = await pg.names(projects: projects, issues: issues)
                self?.driver.send(.probe(.names(result, at: Date().timeIntervalSince1970)))
            }
        case .loadDetail(let row):
            let pg = feeds.postgres
            Task { [weak self] in
                let result = await pg.issueDetail(row)
                self?.driver.send(.probe(.issueDetail(id: row.id, result, at: Date().timeIntervalSince1970)))
            }
        case .auditBegin(let job):
            let problem =
                triage.map { $0.audit.append(Self.entry(job, phase: "begin", actor: $0.actor)) } ?? "read-only"
            driver.send(.auditBegan(id: job.id, problem: problem))
        case .writeTriage(let job):
            guard let triage else { return }
            Task { [weak self] in
                let outcomes = await triage.writer.apply(job.action, to: job.targets, actor: triage.actor)
                var end = Self.entry(job, phase: "end", actor: triage.actor)
                end.outcomes = outcomes
                let problem = triage.audit.append(end)
                self?.record(job, outcomes: outcomes, actor: triage.actor)
                self?.driver.send(.triageFinished(id: job.id, outcomes: outcomes, auditProblem: problem))
            }
        case .silenced(let key, let change, let by, let at):
            past.append([.silence(key: key, change: change, by: by, at: at)])
            recorder?.append([.silence(key: key, change: change, by: by, at: at)])
        case .auditAbandoned(let job):
            guard let triage else { return }
            triage.audit.append(Self.entry(job, phase: "aborted", actor: triage.actor))
        case .shareSilence(let key, let silence):
            guard let triage else { return }
            let install = driver.core.live.state.view.header.redisTarget
            if let problem = triage.audit.appendSilence(key: key, silence, install: install, actor: triage.actor) {
                driver.send(.silenceNotShared(problem: problem))
                return
            }
            let rd = feeds.redis
            Task { [weak self] in
                if let e = await rd.publishSilence(key: key, silence) {
                    self?.driver.send(.silenceNotShared(problem: e.message))
                }
            }
        default: break  // terminal effects are the driver's
        }
    }

    private nonisolated static func entry(_ job: TriageJob, phase: String, actor: SentryUser) -> AuditLog.Entry {
        AuditLog.Entry(phase: phase, install: job.install, actor: actor, action: job.action, targets: job.targets)
    }

    // MARK: - Sampling

    /// Reports a sampler's result to the core (on the main actor), and to the recording with the alert
    /// transitions it caused.
    func report(_ event: ProbeEvent) {
        driver.send(.probe(event))
        guard event.isRecordable else { return }
        let fresh = driver.core.live.state.data.alerts.transitions(after: lastTransition)
        lastTransition = fresh.last ?? lastTransition
        let entries = [RecordEntry.event(event)] + fresh.map(RecordEntry.alert)
        let interval = driver.core.live.state.interval
        past.interval = interval
        past.append(entries)
        recorder?.append(entries, interval: interval)
    }

    /// A triage write, for the recording: who did what to which issues, and how it ended.
    private func record(_ job: TriageJob, outcomes: [TriageOutcome], actor: SentryUser) {
        guard let recorder else { return }
        let words = zip(job.targets, outcomes).filter { $0.1 != .applied }.map { "\($0.0.displayId) \($0.1.word)" }
        let action = RecordedAction(
            at: Date().timeIntervalSince1970, actor: actor.label, action: job.action.label,
            targets: job.targets.map(\.displayId), outcome: words.isEmpty ? "applied" : words.joined(separator: ", "))
        recorder.append([.action(action)])
    }

    func cadence(_ id: SamplerID) -> SamplerCadence {
        SamplerCadence(interval: driver.core.live.cadence(of: id), paused: driver.core.live.state.paused)
    }

    var clientListDemand: ClientListDemand { driver.core.live.clientListDemand }

    var issueRequest: (IssueQuery, IssueSort, Int64?) {
        let (q, s) = driver.core.live.issueRequest
        return (q, s, triage?.actor.id)
    }
}
