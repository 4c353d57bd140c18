import Console
import Model

/// Drives the app core from a timeline instead of probes: the same model, screens and keys, at a recorded
/// moment (`cursor`). Invariants: the data shown at `cursor` is what a console fed the recording up to
/// `cursor` would hold (each seek replays `warmup` seconds of history before it, so sparklines, trends and
/// alert `for` durations are what they were then); no effect that would touch a server leaves this type.
public struct ReplayCore {
    public internal(set) var core: AppCore
    let timeline: any Timeline
    /// The recorded moment on screen.
    public internal(set) var cursor: Double
    /// Entries up to this time have been fed to the model.
    var fed: Double
    public internal(set) var playing = false
    public internal(set) var speed: Double = 1
    /// The `t` prompt while it is open.
    public internal(set) var prompt: LineEditor?
    let warmup: Double
    /// The live console's own past (`[` in `watch`): Esc returns to live.
    public internal(set) var liveHistory = false
    static let speeds: [Double] = [1, 2, 5, 10, 30, 60]

    /// A replay of `timeline` positioned at `at` (default: its start), with the recording's interval and thresholds.
    public init(timeline: any Timeline, header: HeaderInfo, size: (width: Int, height: Int), at: Double? = nil) {
        self.timeline = timeline
        var config = AppCore.Configuration(header: header)
        config.header.replay = true
        config.header.writeMode = false
        config.interval = timeline.header.interval
        config.thresholds = timeline.header.thresholds
        config.taskbrokerMigration = timeline.header.taskbrokerMigration
        core = AppCore(config, size: size)
        warmup = RecordedState.warmup(timeline.header)
        cursor = timeline.start
        fed = timeline.start
        seek(at ?? Self.firstComplete(timeline))
    }

    /// The first moment both sources had answered (a recording starts before the first answers arrive; its
    /// very start would show "connecting…", which a replay never is).
    static func firstComplete(_ timeline: any Timeline) -> Double {
        var redis: Double?
        var postgres: Double?
        for case .event(let e) in timeline.entries(from: timeline.start, through: timeline.start + 120) {
            if case .redis = e, redis == nil { redis = e.time }
            if case .postgres = e, postgres == nil { postgres = e.time }
            if redis != nil && postgres != nil { break }
        }
        return max(redis ?? timeline.start, postgres ?? timeline.start)
    }

    /// Shows the moment `time` (clamped to the recording): rebuilds the model from `warmup` before it.
    public mutating func seek(_ time: Double) {
        let t = min(max(time, timeline.start), timeline.end)
        core.resetData()
        feed(timeline.entries(from: t - warmup, through: t))
        cursor = t
        fed = t
        core.settle(now: t)
    }

    /// Moves forward to `time` by feeding only what happened since the last position.
    public mutating func advance(to time: Double) {
        let t = min(time, timeline.end)
        guard t > fed else {
            if t < cursor { seek(t) }
            return
        }
        feed(timeline.entries(from: fed.nextUp, through: t))
        cursor = t
        fed = t
        core.settle(now: t)
    }

    private mutating func feed(_ entries: [RecordEntry]) {
        for entry in entries {
            switch entry {
            case .event(let e):
                // Pings were on when the recorder ran them: the Workers screen says so, with their serializer.
                if case .inspection(.success(let round), _, _) = e {
                    core.state.view.header.workerInspection = round.serializer
                }
                _ = core.handleProbe(e, now: e.time)
            case .silence(let key, let change, let by, let at): _ = core.replaySilence(key, change, by: by, now: at)
            case .interval(let seconds, _): core.replayInterval(seconds)
            case .alert, .action: break
            }
        }
    }

    /// The frame at the cursor: the screens as they were, and the timeline bar on the bottom line.
    public func frame(now: Double = 0) -> Surface {
        var s = core.frame(now: cursor)
        ReplayBar.draw(&s, replay: self)
        return s
    }
}

extension ReplayCore {
    /// Records of the timeline that could not be read (skipped).
    public var timelineTorn: Int { timeline.tornRecords }

    /// Changes the glyph set (the runtime learns the locale after the terminal starts).
    public mutating func setGlyphs(_ glyphs: Glyphs) { core.setGlyphs(glyphs) }
}
