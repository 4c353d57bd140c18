/// How recorded entries become the console's model, for every replay (screens, `--at`, exports): the same
/// `ConsoleState` the live console runs, with the recording's settings, fed the events in order.
public enum RecordedState {
    /// Seconds of history to replay before a moment so that what it shows is what it showed then: the sparkline
    /// and rate windows at the recorded interval, and the longest alert `for` duration (plus slack).
    public static func warmup(_ header: RecordingHeader) -> Double {
        let t = header.thresholds
        let rules = [t.backlogGrowingFor, t.ingestStalledFor, t.stalledFor, t.drainEtaFor, t.noConsumersFor]
        return max(Double(ConsoleState().historyCapacity) * header.interval, (rules.max() ?? 300) + 30)
    }

    /// A model with the recording's interval, thresholds and taskbroker migration.
    public static func fresh(_ header: RecordingHeader) -> ConsoleState {
        ConsoleState(
            interval: header.interval, taskbrokerMigration: header.taskbrokerMigration, thresholds: header.thresholds)
    }

    /// Applies one entry as the live console did: events and silences change the model; transitions and
    /// actions are records only.
    public static func apply(_ entry: RecordEntry, to state: inout ConsoleState) {
        switch entry {
        case .event(let e): state.apply(e)
        case .silence(let key, let change, let by, let at): _ = state.silence(key, change, by: by, now: at)
        case .interval(let seconds, _): state.setInterval(seconds)
        case .alert, .action: break
        }
    }

    /// The model as it was at `time`.
    public static func state(at time: Double, of timeline: any Timeline) -> ConsoleState {
        var s = fresh(timeline.header)
        for e in timeline.entries(from: time - warmup(timeline.header), through: time) { apply(e, to: &s) }
        s.evaluateAlerts(now: time)
        return s
    }
}
