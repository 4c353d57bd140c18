import NIOCore
import Synchronization

/// The connections being served, with an admission limit. Invariants: `admit` succeeds only below the limit
/// and never after `closeAll`; every admitted channel is removed once when it closes.
final class OpenConnections: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var stopped = false
    }
    private let state = Mutex(State())
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func admit(_ channel: any Channel) -> Bool {
        state.withLock { s in
            guard !s.stopped, s.channels.count < limit else { return false }
            s.channels[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    func remove(_ channel: any Channel) {
        _ = state.withLock { $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Refuses further connections and closes the open ones; returns them so the caller can wait for each.
    func closeAll() -> [any Channel] {
        let open = state.withLock { s in
            s.stopped = true
            return Array(s.channels.values)
        }
        for channel in open { channel.close(promise: nil) }
        return open
    }
}
