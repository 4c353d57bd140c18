import Console
import ConsoleApp
import Dispatch
import Foundation
import Model
import Recording
import Terminal

/// The interactive replay: the terminal's events drive a `ReplayCore`; nothing connects anywhere.
@MainActor
final class ReplayRuntime {
    private let backend = NcursesBackend()
    private let driver: AppDriver<ReplayCore>
    private let theme: Theme
    private let forceASCII: Bool
    private let mouse: Bool
    private var sources: [DispatchSourceProtocol] = []
    private var finish: CheckedContinuation<Int32, Never>?

    init(recording: Recording, header: HeaderInfo, at: Double?, theme: Theme, forceASCII: Bool, mouse: Bool) {
        self.theme = theme
        self.forceASCII = forceASCII
        self.mouse = mouse
        driver = AppDriver(
            core: ReplayCore(timeline: recording, header: header, size: (120, 40), at: at), backend: backend)
        driver.perform = { [weak self] effect in
            if case .quit(let code) = effect, let f = self?.finish {
                self?.finish = nil
                f.resume(returning: code)
            }
        }
    }

    /// Runs until quit; returns the exit code and how many torn records the recording had.
    func run() async -> (Int32, Int) {
        if let problem = backend.start(theme: theme, monochrome: theme == Theme.mono, mouse: mouse) {
            FileHandle.standardError.write(Data("sentry-console: \(problem); try `replay --at … --json`\n".utf8))
            return (1, 0)
        }
        let glyphs: Glyphs = forceASCII || !backend.unicodeLocale ? .ascii : .unicode
        driver.configure { $0.setGlyphs(glyphs) }
        driver.send(.resized(width: backend.size.width, height: backend.size.height))
        sources = TerminalEvents.install(backend: backend) { [weak self] in self?.driver.send($0) }
        let code = await withCheckedContinuation { self.finish = $0 }
        for s in sources { s.cancel() }
        backend.stop()
        return (code, driver.core.timelineTorn)
    }
}
