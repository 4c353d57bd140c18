import CMalloc

/// glibc's allocator tuned for a process that runs for days with a few busy threads: at most two arenas (the
/// default, 8 per core, lets every probe thread fragment its own), and freed pages handed back to the kernel once a
/// minute (`malloc_trim`: free chunks inside an arena are otherwise kept resident). Measured in docs/PERFORMANCE.md.
public enum ProcessMemory {
    /// Call first in a long-running command, before its threads allocate.
    public static func configure() {
        _ = mallopt(M_ARENA_MAX, 2)
    }

    /// Trims every minute until cancelled (a background task; each trim is well under a millisecond here).
    public static func startTrimming(every seconds: UInt64 = 60) -> Task<Void, Never> {
        Task.detached(priority: .background) {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: seconds * 1_000_000_000)
                if Task.isCancelled { break }
                _ = malloc_trim(0)
            }
        }
    }
}
