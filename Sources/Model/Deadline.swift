/// Bounded waits on work that cannot be cancelled (a probe job blocked in a C call on its own thread).
public enum Deadline {
    /// The result of `operation` if it finishes within `seconds`, else nil. The operation is not cancelled at the
    /// deadline (a probe's job runs on to its own timeout on its thread); its late result is dropped.
    public static func value<T: Sendable>(within seconds: Double, _ operation: @escaping @Sendable () async -> T) async
        -> T?
    {
        let once = ResumeOnce<T?>()
        return await withCheckedContinuation { continuation in
            once.arm(continuation)
            let timer = Task {
                try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
                // Cancelled: the operation finished first and has resumed (or is resuming) with its value.
                if !Task.isCancelled { once.resume(nil) }
            }
            Task {
                let v = await operation()
                // The value first, then the timer: cancelling first let the timer's wake-up resume nil ahead of
                // the value on another thread (a finished operation reported as timed out).
                once.resume(v)
                timer.cancel()
            }
        }
    }
}
