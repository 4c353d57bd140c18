import Console
import Testing

@testable import ConsoleApp
@testable import Model

/// A terminal that records what the driver does to it.
@MainActor
final class RecordingBackend: TerminalBackend {
    var size: (width: Int, height: Int) = (120, 40)
    var frames: [Surface] = []
    var invalidations = 0
    var beeps = 0
    var copied: [String] = []
    func present(_ surface: Surface) -> Int {
        frames.append(surface)
        return 0
    }
    func invalidate() { invalidations += 1 }
    func resize() { size = (80, 24) }
    func beep() { beeps += 1 }
    func copyToClipboard(_ text: String) { copied.append(text) }
}

/// The driver on a recording backend: frames drawn, coalesced, and effects handed to the runtime.
@MainActor
@Suite struct AppDriverTests {
    /// A driver whose delayed frames wait until the test flushes them.
    @MainActor
    final class Harness {
        let backend = RecordingBackend()
        let pending = PendingBox()
        var performed: [Effect] = []
        let driver: AppDriver<AppCore>
        init() {
            let box = pending
            driver = AppDriver(
                core: Fixtures.core(), backend: backend, clock: { Fixtures.now },
                after: { _, body in box.items.append(body) })
            driver.perform = { [unowned self] in self.performed.append($0) }
        }
        func flush() {
            let items = pending.items
            pending.items = []
            for item in items { item() }
        }
    }

    @MainActor
    final class PendingBox { var items: [@MainActor () -> Void] = [] }

    @Test func aKeyDrawsAtOnce() {
        let h = Harness()
        h.driver.send(.key(.char("2")))
        #expect(h.backend.frames.count == 1)
        #expect(h.backend.frames.last?.text.contains("Issues") == true)
        #expect(h.performed == [.wake(.issues)])
    }

    @Test func probeResultsInOneWindowShareOneFrame() {
        let h = Harness()
        let t = Fixtures.now
        h.driver.send(.probe(.postgres(.success(Fixtures.postgres(at: t)), at: t, retryAt: t + 2)))
        h.driver.send(.probe(.redis(.success(Fixtures.redis(at: t)), at: t, retryAt: t + 2)))
        #expect(h.backend.frames.isEmpty, "coalesced")
        h.flush()
        #expect(h.backend.frames.count == 1)
    }

    @Test func redrawRepaintsAndResizeRereadsTheSize() {
        let h = Harness()
        h.driver.send(.key(.ctrl("l")))
        #expect(h.backend.invalidations == 1 && h.backend.frames.count == 1)
        h.driver.send(.key(.resize))
        #expect(h.driver.core.state.size == (80, 24) ? true : false)
        #expect(h.backend.frames.last.map { ($0.width, $0.height) } ?? (0, 0) == (80, 24))
    }

    @Test func quitIsHandedToTheRuntime() {
        let h = Harness()
        h.driver.send(.key(.char("q")))
        #expect(h.performed == [.quit(0)])
    }
}

/// Which probe results draw a frame: what the screen in view shows, or a change of alerts.
@Suite struct FramePolicyTests {
    static func issues(at t: Double) -> AppEvent {
        .probe(
            .issues(
                .success(IssuesSnapshot(rows: Fixtures.rows(), query: "", sort: .lastSeen, takenAt: t)), at: t,
                retryAt: t + 15))
    }

    @Test func anOffScreenIssueStreamRefreshDrawsNothing() {
        var core = Fixtures.core()
        #expect(core.handle(Self.issues(at: Fixtures.now + 15), now: Fixtures.now + 15).isEmpty)
        _ = core.type("2")
        #expect(core.handle(Self.issues(at: Fixtures.now + 30), now: Fixtures.now + 30) == [.render(delayMs: 100)])
    }

    @Test func dataTheScreenShowsDraws() {
        var core = Fixtures.core()
        let t = Fixtures.now + 2
        let e = core.handle(.probe(.redis(.success(Fixtures.redis(at: t)), at: t, retryAt: t + 2)), now: t)
        #expect(e == [.render(delayMs: 100)])
    }
}
