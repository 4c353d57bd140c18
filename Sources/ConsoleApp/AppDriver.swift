import Console
import Dispatch
import Foundation

/// What a driver runs: the live app core, or a replay of a recording.
public protocol ConsoleCore {
    mutating func handle(_ event: AppEvent, now: Double) -> [Effect]
    func frame(now: Double) -> Surface
}

extension AppCore: ConsoleCore {}

/// Runs the app core on the main actor: feeds it events, draws frames on a `TerminalBackend`, and hands every
/// effect that is not about the terminal to `perform` (the runtime's probes, audit log and writer).
@MainActor
public final class AppDriver<Core: ConsoleCore> {
    public private(set) var core: Core
    let backend: any TerminalBackend
    let clock: @Sendable () -> Double
    /// Runs `body` after `ms` milliseconds on the main actor (tests run it at once).
    let after: (Int, @escaping @MainActor () -> Void) -> Void
    /// Effects for the runtime: quit, wake, loadDetail, audit and write, shareSilence.
    public var perform: (Effect) -> Void = { _ in }
    private var renderDue = false
    public private(set) var framesDrawn = 0

    public init(
        core: Core, backend: any TerminalBackend,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        after: @escaping (Int, @escaping @MainActor () -> Void) -> Void = mainQueueAfter
    ) {
        self.core = core
        self.backend = backend
        self.clock = clock
        self.after = after
    }

    /// Reduces `event` and carries out its effects.
    public func send(_ event: AppEvent) {
        let effects = core.handle(event, now: clock())
        for effect in effects { execute(effect) }
    }

    /// Mutates the core outside the event flow (start-up settings such as the glyph set).
    public func configure(_ change: (inout Core) -> Void) { change(&core) }

    /// Draws the current state now.
    public func render() {
        renderDue = false
        backend.present(core.frame(now: clock()))
        framesDrawn += 1
    }

    private func execute(_ effect: Effect) {
        switch effect {
        case .render(let ms):
            if ms == 0 { return render() }
            guard !renderDue else { return }
            renderDue = true
            after(ms) { [weak self] in
                guard let self, self.renderDue else { return }
                self.render()
            }
        case .repaint:
            backend.invalidate()
            render()
        case .resize:
            backend.resize()
            let size = backend.size
            send(.resized(width: size.width, height: size.height))
        case .beep: backend.beep()
        case .copy(let text): backend.copyToClipboard(text)
        default: perform(effect)
        }
    }
}

/// Runs `body` after `ms` milliseconds on the main queue (the driver's default timer).
public func mainQueueAfter(_ ms: Int, _ body: @escaping @MainActor () -> Void) {
    DispatchQueue.main.asyncAfter(deadline: .now() + .milliseconds(ms)) { MainActor.assumeIsolated { body() } }
}
