import ConsoleApp
import Dispatch
import Foundation
import Terminal

/// The events an interactive screen lives on, as `AppEvent`s on the main actor: keys (a hung-up terminal is a
/// SIGHUP), SIGINT/SIGTERM/SIGHUP/SIGQUIT as `.terminate` (Ctrl-\ must never reach the runtime's backtracer),
/// SIGWINCH as a resize key, and a tick once a second.
@MainActor
enum TerminalEvents {
    static func install(backend: NcursesBackend, send: @escaping @MainActor (AppEvent) -> Void)
        -> [DispatchSourceProtocol]
    {
        var sources: [DispatchSourceProtocol] = []
        // A parent may have left these blocked (children inherit the mask); we handle them, so unblock them.
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH] { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        let input = DispatchSource.makeReadSource(fileDescriptor: STDIN_FILENO, queue: .main)
        input.setEventHandler {
            MainActor.assumeIsolated {
                let keys = backend.readKeys()
                if keys.isEmpty && backend.inputHungUp {
                    send(.terminate(code: 129))  // the terminal went away: behave as on SIGHUP
                    return
                }
                for key in keys { send(.key(key)) }
            }
        }
        input.resume()
        sources.append(input)
        for (sig, code) in [(SIGINT, Int32(130)), (SIGTERM, 143), (SIGHUP, 129), (SIGQUIT, 131)] {
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            s.setEventHandler { MainActor.assumeIsolated { send(.terminate(code: code)) } }
            s.resume()
            sources.append(s)
        }
        signal(SIGWINCH, SIG_IGN)
        let winch = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .main)
        winch.setEventHandler { MainActor.assumeIsolated { send(.key(.resize)) } }
        winch.resume()
        sources.append(winch)
        // Ages and the clock move once a second even when no data arrives.
        let tick = DispatchSource.makeTimerSource(queue: .main)
        tick.schedule(deadline: .now() + 1, repeating: 1, leeway: .milliseconds(100))
        tick.setEventHandler { MainActor.assumeIsolated { send(.tick) } }
        tick.resume()
        sources.append(tick)
        return sources
    }
}
