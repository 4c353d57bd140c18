/// One result slot per parallel iteration: iteration `n` writes only slot `n`, and the slots are read after
/// `concurrentPerform` returns (its completion orders the writes before the reads).
final class Slots<T: Sendable>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T>

    init(count: Int, empty: T) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: empty)
    }

    deinit {
        _ = buffer.deinitialize()
        buffer.deallocate()
    }

    subscript(n: Int) -> T {
        get { buffer[n] }
        set { buffer[n] = newValue }
    }
}
