import Foundation
import Model

/// Collects at scrape time from the console's own probes into one long-lived `ConsoleState` (so rates,
/// trends and alert `for` durations span scrapes). Invariants: at most one sample per source is in flight
/// (a scrape joins a running sample rather than starting another, so concurrent scrapes never multiply the
/// load); scrapes less than `shareWindow` seconds apart share one sample; a source that misses the scrape's
/// deadline is reported down for that scrape and its late result is still applied when it arrives.
public actor ScrapeCoordinator {
    /// One source: its name in `sentry_console_source_up{source}` and how to sample it (returning the
    /// events to apply; the source is up when every event succeeded).
    public struct Feed: Sendable {
        public var source: String
        public var sample: @Sendable () async -> [ProbeEvent]

        public init(source: String, sample: @escaping @Sendable () async -> [ProbeEvent]) {
            self.source = source
            self.sample = sample
        }
    }

    private struct Outcome: Sendable {
        var up: Bool
        var seconds: Double
        var finishedAt: Double
    }

    private var state: ConsoleState
    private let feeds: [Feed]
    private let clock: @Sendable () -> Double
    private let version: String
    /// The named install (`--context`), a label of `sentry_console_build_info`; empty for none.
    private let install: String
    private var inFlight: [String: Task<Outcome, Never>] = [:]
    private var last: [String: Outcome] = [:]
    public let shareWindow: Double

    public init(
        state: ConsoleState, feeds: [Feed], version: String, install: String = "", shareWindow: Double = 1,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.state = state
        self.feeds = feeds
        self.version = version
        self.install = install
        self.shareWindow = shareWindow
        self.clock = clock
    }

    /// The families for one scrape, collected within `deadline` seconds. Per source: join the sample in
    /// flight, else reuse one that finished less than `shareWindow` seconds ago, else start one.
    public func scrape(deadline: Double) async -> [MetricFamily] {
        let start = clock()
        var pending: [(String, Task<Outcome, Never>?)] = []
        for f in feeds {
            if inFlight[f.source] == nil, let l = last[f.source], start - l.finishedAt < shareWindow {
                pending.append((f.source, nil))
            } else {
                pending.append((f.source, task(for: f)))
            }
        }
        var reports: [SourceReport] = []
        for (source, t) in pending {
            var outcome = last[source]
            if let t {
                outcome = await Self.value(of: t, within: max(0, deadline - (clock() - start)))
            }
            reports.append(SourceReport(source: source, up: outcome?.up ?? false, durationSeconds: outcome?.seconds))
        }
        let now = clock()
        state.evaluateAlerts(now: now)
        return SentryMetrics.families(
            state: state, sources: reports, now: now, version: version, install: install)
    }

    /// The running sample of `feed`, or a new one.
    private func task(for feed: Feed) -> Task<Outcome, Never> {
        if let t = inFlight[feed.source] { return t }
        let clock = self.clock
        let t = Task { [weak self] in
            let t0 = clock()
            let events = await feed.sample()
            let t1 = clock()
            let outcome = Outcome(up: events.allSatisfy(\.succeeded), seconds: t1 - t0, finishedAt: t1)
            await self?.finish(feed.source, events, outcome)
            return outcome
        }
        inFlight[feed.source] = t
        return t
    }

    private func finish(_ source: String, _ events: [ProbeEvent], _ outcome: Outcome) {
        for e in events { state.apply(e) }
        last[source] = outcome
        inFlight[source] = nil
    }

    /// The task's value if it finishes within `seconds`, else nil; the task keeps running either way (awaiting
    /// a task's value ignores cancellation, so the race resumes a continuation once instead of using a group).
    private static func value(of task: Task<Outcome, Never>, within seconds: Double) async -> Outcome? {
        await Deadline.value(within: seconds) { await task.value }
    }
}

extension ProbeEvent {
    /// Whether the probe returned data (not an error).
    var succeeded: Bool {
        switch self {
        case .postgres(.success, _, _), .redis(.success, _, _), .issues(.success, _, _), .issueDetail(_, .success, _),
            .heartbeats(.success, _, _), .inspection(.success, _, _):
            return true
        default: return false
        }
    }
}
