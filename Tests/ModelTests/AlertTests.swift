import Testing

@testable import Model

@Suite struct AlertEngineTests {
    static func signal(_ sev: Severity, for f: Double = 0, rule: String = "r", subject: String = "") -> AlertSignal {
        AlertSignal(rule: rule, subject: subject, severity: sev, forSeconds: f, value: "v", threshold: "t", hint: "h")
    }

    /// (time, condition severity) → expected state after that step (nil: not tracked).
    @Test(arguments: [
        // pending for 60 s, then firing, then resolved, then forgotten after retention
        (
            [(0.0, Severity.warning), (30, .warning), (60, .warning), (90, .ok), (400, .ok)],
            [Alert.State.pending, .pending, .firing, .resolved, nil] as [Alert.State?]
        ),
        // condition drops before `for` elapses: never fires, no resolved entry
        (
            [(0, .warning), (30, .ok), (40, .warning), (99, .warning), (100, .warning)],
            [.pending, nil, .pending, .pending, .firing]
        ),
    ])
    func transitions(steps: [(Double, Severity)], expected: [Alert.State?]) {
        var e = AlertEngine()
        for (i, (t, sev)) in steps.enumerated() {
            e.update(sev == .ok ? [] : [Self.signal(sev, for: 60)], now: t)
            #expect(e.alerts["r"]?.state == expected[i], "step \(i) at t=\(t)")
        }
    }

    @Test func historyRecordsTransitionsAndIsBounded() {
        var e = AlertEngine()
        e.update([Self.signal(.critical)], now: 0)
        e.update([], now: 1)
        #expect(e.history.map(\.to) == ["firing", "resolved"])
        for i in 0..<300 { e.update(i % 2 == 0 ? [Self.signal(.warning)] : [], now: Double(10 + i)) }
        #expect(e.history.count == 100)
    }

    @Test func severityEscalationIsRecordedWithoutRefiring() {
        var e = AlertEngine()
        e.update([Self.signal(.warning)], now: 0)
        e.update([Self.signal(.critical)], now: 5)
        #expect(e.alerts["r"]?.severity == .critical)
        #expect(e.alerts["r"]?.since == 0, "still the same firing episode")
        #expect(e.history.last?.to == "firing CRITICAL")
    }

    @Test func aDownSourceHoldsItsAlertsInsteadOfResolvingThem() {
        var e = AlertEngine()
        e.update([Self.signal(.critical, rule: "db.connections")], now: 0)
        e.update([], now: 10, unknown: ["db.connections"])
        #expect(e.alerts["db.connections"]?.state == .firing)
        e.update([], now: 20)
        #expect(e.alerts["db.connections"]?.state == .resolved)
    }
}

@Suite struct AlertRuleTests {
    static func state(connections: Int, max: Int = 103, reserved: Int = 3) -> PostgresSnapshot {
        var p = Fixture.postgres(at: 0, events: 0)
        p.total = connections
        p.maxConnections = max
        p.reservedConnections = reserved
        return p
    }

    /// Connection usage hovering around 80 % must not flap: it fires at 80 and clears only below 75.
    @Test func connectionAlertHasHysteresis() {
        var s = ConsoleState()
        let series = [70, 81, 79, 78, 80, 76, 74, 81]  // percent of 100 usable
        var states: [Alert.State?] = []
        for (i, pct) in series.enumerated() {
            let t = Double(i * 2)
            s.apply(.postgres(.success(Self.state(connections: pct)), at: t, retryAt: t + 2))
            states.append(s.alerts.alerts["db.connections"]?.state)
        }
        #expect(states == [nil, .firing, .firing, .firing, .firing, .firing, .resolved, .firing])
        #expect(
            s.alerts.history.filter { $0.key == "db.connections" }.count == 3, "fired, resolved, fired: no flapping")
    }

    @Test func connectionSeverityByThreshold() {
        var s = ConsoleState()
        s.apply(.postgres(.success(Self.state(connections: 96)), at: 0, retryAt: 2))
        #expect(s.alerts.alerts["db.connections"]?.severity == .critical)
        #expect(s.alerts.alerts["db.connections"]?.value == "96/100 (96%)")
    }

    @Test func stalledQueueFiresAfterItsForDuration() {
        var s = ConsoleState()
        for i in 0...60 {
            let t = Double(i * 2)
            s.apply(.redis(.success(Fixture.redis(at: t, depths: ["default": 40])), at: t, retryAt: t + 2))
        }
        let a = s.alerts.alerts["queue.stalled default"]
        #expect(a?.state == .firing)
        #expect(a?.severity == .critical)
    }

    @Test func growingQueueIsPendingUntilFiveMinutes() {
        var s = ConsoleState()
        for i in 0...100 {
            let t = Double(i * 5)
            s.apply(
                .redis(
                    .success(Fixture.redis(at: t, depths: ["events.save_event": 100 + i * 10])), at: t, retryAt: t + 5))
            if t == 200 { #expect(s.alerts.alerts["queue.backlog_growing events.save_event"]?.state == .pending) }
        }
        #expect(s.alerts.alerts["queue.backlog_growing events.save_event"]?.state == .firing)
    }

    @Test func ingestStalledNeedsEventsToHaveFlowedBefore() {
        var s = ConsoleState()
        for i in 0...5 {
            s.apply(.postgres(.success(Fixture.postgres(at: Double(i * 2), events: 10)), at: Double(i * 2), retryAt: 0))
        }
        #expect(s.alerts.alerts["ingest.stalled"] == nil, "never flowing is not 'stalled'")
        var n: Int64 = 10
        for i in 6...20 {
            n += 20
            s.apply(.postgres(.success(Fixture.postgres(at: Double(i * 2), events: n)), at: Double(i * 2), retryAt: 0))
        }
        for i in 21...100 {
            s.apply(.postgres(.success(Fixture.postgres(at: Double(i * 2), events: n)), at: Double(i * 2), retryAt: 0))
        }
        #expect(s.alerts.alerts["ingest.stalled"]?.state == .firing)
    }

    /// `check` from cron: counters seeded from a run five minutes ago span the rate, so two samples 2 s apart
    /// (too close to measure alone) still see the scans made in between.
    @Test func seededCountersLetAShortCheckSeeScansSinceTheLastRun() {
        let table = { (scans: Int64) in
            TableCounters(name: "sentry_activity", inserts: 0, updates: 0, liveTuples: 50_000, seqScans: scans)
        }
        var alone = ConsoleState()
        var seeded = ConsoleState()
        seeded.seedSeqScans([table(100)], at: 700, now: 1002)
        for (t, scans) in [(1000.0, Int64(110)), (1002, 110)] {
            var p = Fixture.postgres(at: t, events: 0)
            p.tables = [table(scans)]
            alone.apply(.postgres(.success(p), at: t, retryAt: 0))
            seeded.apply(.postgres(.success(p), at: t, retryAt: 0))
        }
        #expect(alone.seqScansPerMinute("sentry_activity", now: 1002) == nil, "2 s alone measure nothing")
        #expect(abs((seeded.seqScansPerMinute("sentry_activity", now: 1002) ?? 0) - 2) < 0.05, "10 scans in 302 s")
        #expect(seeded.alerts.alerts["db.seq_scans sentry_activity"]?.state == .firing)
    }

    @Test func seqScansOnLargeTablesAndStaleAnalyze() {
        var s = ConsoleState()
        for i in 0...10 {
            var p = Fixture.postgres(at: Double(i * 2), events: 0)
            p.tables = [
                TableCounters(
                    name: "sentry_groupedmessage", inserts: 0, updates: 0, liveTuples: 1_000_000,
                    seqScans: Int64(i * 3), modsSinceAnalyze: 300_000, analyzedSecondsAgo: 7200),
                TableCounters(name: "sentry_project", inserts: 0, updates: 0, liveTuples: 20, seqScans: Int64(i * 50)),
            ]
            s.apply(.postgres(.success(p), at: Double(i * 2), retryAt: 0))
        }
        #expect(s.alerts.alerts["db.seq_scans sentry_groupedmessage"]?.state == .firing)
        #expect(s.alerts.alerts["db.seq_scans sentry_project"] == nil, "small tables are not watched")
        #expect(s.alerts.alerts["db.stale_analyze sentry_groupedmessage"]?.state == .firing)
    }

    @Test func openSentryIncidentsAreAlertsOnlyWhenAskedFor() {
        var p = Fixture.postgres(at: 0, events: 0)
        p.openIncidents = [
            OpenIncident(id: 1, identifier: 7, title: "Error rate high", status: 20, startedSecondsAgo: 600)
        ]
        var quiet = ConsoleState()
        quiet.apply(.postgres(.success(p), at: 0, retryAt: 2))
        #expect(quiet.alerts.alerts.isEmpty, "an application's error-rate alert is not an outage of Sentry")
        var t = AlertThresholds()
        t.sentryIncidents = true
        var s = ConsoleState(thresholds: t)
        s.apply(.postgres(.success(p), at: 0, retryAt: 2))
        #expect(s.alerts.alerts["sentry.incident #7"]?.severity == .critical)
        #expect(s.alerts.alerts["sentry.incident #7"]?.value == "Error rate high")
    }
}

@Suite struct NewIssueBurstTests {
    @Test func burstOfNewIssuesFiresAndCalmResolves() {
        var s = ConsoleState()
        var issues: Int64 = 0
        for i in 0...40 {
            issues += i < 20 ? 2 : 0  // 2 per 2 s = 60/min, then none
            s.apply(
                .postgres(
                    .success(Fixture.postgres(at: Double(i * 2), events: 0, issues: issues)), at: Double(i * 2),
                    retryAt: 0))
            if i == 15 { #expect(s.alerts.alerts["issue.new_burst"]?.state == .firing) }
        }
        #expect(s.alerts.alerts["issue.new_burst"]?.state == .resolved)
    }
}

@Suite struct SilenceTests {
    static let sig = AlertEngineTests.signal(.critical)

    @Test func acknowledgeLastsUntilTheEpisodeResolves() {
        var e = AlertEngine()
        e.update([Self.sig], now: 0)
        e.acknowledge("r", by: "dana", now: 1)
        #expect(e.loud.isEmpty)
        #expect(e.firing.count == 1)
        e.update([Self.sig], now: 2)
        #expect(e.isSilenced("r"))
        e.update([], now: 3)  // resolved: the acknowledgement ends with it
        e.update([Self.sig], now: 4)
        #expect(e.loud.map(\.key) == ["r"], "a new episode is loud again")
        #expect(e.history.contains { $0.to == "acknowledged by dana" })
    }

    @Test func snoozeExpires() {
        var e = AlertEngine()
        e.update([Self.sig], now: 0)
        e.snooze("r", for: 1800, by: "dana", now: 10)
        e.update([Self.sig], now: 1000)
        #expect(e.loud.isEmpty)
        e.update([Self.sig], now: 1811)
        #expect(e.loud.map(\.key) == ["r"])
    }

    @Test func undo() {
        var e = AlertEngine()
        e.update([Self.sig], now: 0)
        e.acknowledge("r", by: "x", now: 1)
        e.unsilence("r", now: 2)
        #expect(e.loud.count == 1)
    }
}

@Suite struct PendingHistoryTests {
    @Test func aPendingAlertThatGoesAwayIsRecorded() {
        var e = AlertEngine()
        e.update([AlertEngineTests.signal(.warning, for: 60)], now: 0)
        e.update([], now: 5)
        #expect(e.history.map(\.to) == ["pending", "inactive"])
    }
}

/// Silences shared by other consoles through Redis.
struct SharedSilenceTests {
    func engine() -> AlertEngine {
        var e = AlertEngine()
        e.update(
            [
                AlertSignal(
                    rule: "db.connections", subject: "", severity: .warning, forSeconds: 0, value: "90%",
                    threshold: "80%", hint: "h")
            ], now: 0)
        return e
    }

    @Test func adoptsNewerSharedSilencesAndDropsThemWhenWithdrawn() {
        var e = engine()
        let key = e.firing[0].key
        e.mergeShared([key: .init(by: "dana@example.com", at: 10, until: nil)], now: 10)
        #expect(e.silenced[key]?.by == "dana@example.com")
        #expect(e.loud.isEmpty)
        #expect(e.history.last?.to.contains("acknowledged by dana@example.com (shared)") == true)
        e.mergeShared([key: .init(by: "dana@example.com", at: 10, until: nil)], now: 12)
        #expect(e.history.filter { $0.to.contains("(shared)") }.count == 1, "an unchanged entry is not re-recorded")
        e.mergeShared([:], now: 20)
        #expect(e.silenced[key] == nil, "withdrawn or expired on the board")
        #expect(e.loud.count == 1)
    }

    @Test func aNewerLocalSilenceWinsAndStaysWhenTheBoardEmpties() {
        var e = engine()
        let key = e.firing[0].key
        e.acknowledge(key, by: "me", now: 30)
        e.mergeShared([key: .init(by: "dana@example.com", at: 10, until: nil)], now: 31)
        #expect(e.silenced[key]?.by == "me")
        e.mergeShared([:], now: 40)
        #expect(e.silenced[key]?.by == "me", "a local acknowledgement is not withdrawn by the board")
    }
}
