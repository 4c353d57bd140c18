import Console
import Testing

@testable import ConsoleApp
@testable import Model

/// Acknowledging alerts: local in read-only mode, shared (and audited by the runtime) in write mode, and a sharing
/// error shown on the status line of the screen in view.
@Suite struct SilenceTests {
    /// A core with db.connections firing (99 of 97 usable) and the alerts overlay open.
    static func firing(write: Bool) -> AppCore {
        var core = Fixtures.core(write: write)
        for t in stride(from: 0.0, through: 120, by: 2) {
            let at = Fixtures.now + t
            _ = core.handle(
                .probe(.postgres(.success(Fixtures.postgres(at: at, connections: 99)), at: at, retryAt: at + 2)),
                now: at)
        }
        _ = core.type("a")
        return core
    }

    @Test func readOnlyAcknowledgesLocallyOnly() throws {
        var core = Self.firing(write: false)
        #expect(core.state.data.alerts.alerts["db.connections"] != nil)
        let noted = Effect.silenced(
            key: "db.connections", change: .acknowledge, by: "oncall@example.com", at: Fixtures.now)
        #expect(core.type("A").work == [noted], "nothing shared in read-only mode; noted for a recording")
        #expect(core.state.data.alerts.silenced["db.connections"]?.by == "oncall@example.com")
    }

    @Test func writeModeSharesTheSilence() throws {
        var core = Self.firing(write: true)
        let effects = core.type("z").work
        let silence = try #require(core.state.data.alerts.silenced["db.connections"])
        let by = "oncall@example.com"
        #expect(
            effects == [
                .silenced(key: "db.connections", change: .snooze(seconds: 1800), by: by, at: Fixtures.now),
                .shareSilence(key: "db.connections", silence: silence),
            ])
        #expect(
            core.type("u").work == [
                .silenced(key: "db.connections", change: .unsilence, by: by, at: Fixtures.now),
                .shareSilence(key: "db.connections", silence: nil),
            ])
    }

    @Test func aSharingErrorShowsOnTheScreenInView() {
        var core = Self.firing(write: true)
        _ = core.type("A")
        _ = core.type([.escape])
        #expect(core.state.ui.screen == .overview)
        _ = core.handle(.silenceNotShared(problem: "NOAUTH"), now: Fixtures.now)
        let footer = core.frame(now: Fixtures.now).line(39)
        #expect(footer.contains("acknowledgement not shared: NOAUTH"), "\(footer)")
    }

    @Test func theBellRingsOnceForANewLoudAlert() {
        var core = Fixtures.core(bell: true)
        var beeps = 0
        for t in stride(from: 0.0, through: 120, by: 2) {
            let at = Fixtures.now + t
            let e = core.handle(
                .probe(.postgres(.success(Fixtures.postgres(at: at, connections: 99)), at: at, retryAt: at + 2)),
                now: at)
            beeps += e.filter { $0 == .beep }.count
        }
        #expect(beeps == 1)
    }
}
