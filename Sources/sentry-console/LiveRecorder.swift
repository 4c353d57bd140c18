import Dispatch
import Foundation
import Model
import Recording

/// `watch --record`: appends what the console receives to a recording on a serial queue of its own, so a slow
/// disk never delays keys or drawing. After the first failure it stops and reports once.
final class LiveRecorder: @unchecked Sendable {
    private let queue = DispatchQueue(label: "sentry-console.recorder")
    /// Touched only on `queue`.
    private var writer: RecordingWriter?
    private let onFailure: @Sendable (String) -> Void

    init(writer: RecordingWriter, onFailure: @escaping @Sendable (String) -> Void) {
        self.writer = writer
        self.onFailure = onFailure
    }

    /// Appends `entries`; `interval` is the console's sampling interval now (recorded when it changes).
    func append(_ entries: [RecordEntry], interval: Double? = nil) {
        guard !entries.isEmpty else { return }
        let now = Date().timeIntervalSince1970
        queue.async { [self] in
            guard let w = writer else { return }
            if let interval { w.interval = interval }
            do { try w.append(entries, now: now) } catch {
                writer = nil
                w.close()
                onFailure("\(error)")
            }
        }
    }

    /// Ends the open member and waits for every append before it.
    func close() {
        queue.sync {
            writer?.close()
            writer = nil
        }
    }
}
