import Foundation
import Model
import Probes
import Recording

/// Samples every feed on a fixed-rate schedule, feeds the model (for alert transitions and the names that
/// breakdowns need) and appends each round to the recording. Invariant: one round is one `append`, so a
/// SIGKILL loses at most the round being written.
struct RecorderLoop {
    let feeds: RecorderFeeds
    let writer: RecordingWriter
    var state: ConsoleState
    /// The issue stream is read every 15 s (or each round when slower): its top 50 by last seen.
    var nextIssues = 0.0
    var lastTransition: AlertTransition?
    let query = (try? IssueQueryParser.parse(IssueQuery.defaultSource).get())!

    /// Runs until `stop` fires (exit 0) or the recording cannot be written (exit 1, with the reason).
    mutating func run(interval: Double, stop: StopSignals) async -> Int32 {
        var next = Date().timeIntervalSince1970
        while !stop.requested {
            let entries = await round()
            let now = Date().timeIntervalSince1970
            do {
                try writer.append(entries, now: now)
            } catch {
                FileHandle.standardError.write(Data("sentry-console record: \(error.message)\n".utf8))
                return 1
            }
            next += interval
            // Fell behind (a hung source, a suspended machine): start again from now, do not burst.
            if next < now { next = now + interval }
            await stop.sleep(seconds: next - now)
        }
        return 0
    }

    /// One round: every feed sampled concurrently, stamped when its answer arrived.
    mutating func round() async -> [RecordEntry] {
        let pg = feeds.postgres
        let rd = feeds.redis
        let pidbox = feeds.pidbox
        let issuesDue = Date().timeIntervalSince1970 >= nextIssues
        let query = self.query
        async let p = Self.stamped { await pg.sample() }
        async let r = Self.stamped { await rd.sample() }
        async let w = Self.stamped { await pidbox?.inspect() }
        async let i = Self.stamped { issuesDue ? await pg.issues(query, sort: .lastSeen, me: nil, limit: 50) : nil }
        let beats = feeds.listener.drain()
        let now = Date().timeIntervalSince1970
        var events: [ProbeEvent] = [.heartbeats(beats, at: now, retryAt: now)]
        let (pr, rr, wr, ir) = await (p, r, w, i)
        events.append(.postgres(pr.value, at: pr.at, retryAt: pr.at))
        events.append(.redis(rr.value, at: rr.at, retryAt: rr.at))
        if let inspection = wr.value { events.append(.inspection(inspection, at: wr.at, retryAt: wr.at)) }
        if let issues = ir.value {
            events.append(.issues(issues, at: ir.at, retryAt: ir.at))
            nextIssues = ir.at + max(15, state.sparkBucket)
        }
        if case .success(let s) = rr.value, let b = s.breakdowns {
            let missing = state.names.missing(in: b)
            if !missing.projects.isEmpty || !missing.issues.isEmpty {
                let names = await pg.names(projects: missing.projects, issues: missing.issues)
                events.append(.names(names, at: Date().timeIntervalSince1970))
            }
        }
        events.sort { $0.time < $1.time }
        for e in events { state.apply(e) }
        return events.map(RecordEntry.event) + newTransitions()
    }

    /// Alert transitions since the last round, for the record (replay recomputes them from the events).
    mutating func newTransitions() -> [RecordEntry] {
        let fresh = state.alerts.transitions(after: lastTransition)
        lastTransition = fresh.last ?? lastTransition
        return fresh.map(RecordEntry.alert)
    }

    private static func stamped<T: Sendable>(_ body: @Sendable () async -> T) async -> (value: T, at: Double) {
        let v = await body()
        return (v, Date().timeIntervalSince1970)
    }
}
