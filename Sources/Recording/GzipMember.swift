internal import CZlib

/// One gzip member being written: each `append` compresses its bytes and sync-flushes, so everything appended
/// so far can be read back even if the member is never finished (a crash leaves a readable prefix). The
/// compressor keeps its history across appends: similar samples compress against each other.
final class GzipMember {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var open = false

    init() throws(RecordingError) {
        stream.initialize(to: z_stream())
        // 15 + 16: a gzip wrapper (header, CRC-32 and length trailer), so `zcat` reads a segment as it is.
        let status = deflateInit2_(
            stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw RecordingError("zlib could not start a compressor (\(status))") }
        open = true
    }

    deinit {
        if open { deflateEnd(stream) }
        stream.deallocate()
    }

    /// Compresses `bytes` and flushes to a byte boundary; returns what to write.
    func append(_ bytes: [UInt8]) -> [UInt8] { run(bytes, flush: Z_SYNC_FLUSH) }

    /// Ends the member (trailer included); returns what to write. Nothing may be appended after.
    func finish() -> [UInt8] {
        defer {
            deflateEnd(stream)
            open = false
        }
        return run([], flush: Z_FINISH)
    }

    private func run(_ bytes: [UInt8], flush: Int32) -> [UInt8] {
        guard open else { return [] }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 32 * 1024)
        var input = bytes
        input.withUnsafeMutableBufferPointer { inBuf in
            stream.pointee.next_in = inBuf.baseAddress
            stream.pointee.avail_in = uInt(inBuf.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { outBuf -> Int32 in
                    stream.pointee.next_out = outBuf.baseAddress
                    stream.pointee.avail_out = uInt(outBuf.count)
                    return deflate(stream, flush)
                }
                let produced = chunk.count - Int(stream.pointee.avail_out)
                out.append(contentsOf: chunk[0..<produced])
                // Done when the flush fit in the buffer (sync flush), or the stream ended (finish).
                if status == Z_STREAM_END || (status == Z_OK && stream.pointee.avail_out > 0 && flush != Z_FINISH)
                    || status == Z_BUF_ERROR || (status != Z_OK && status != Z_STREAM_END)
                {
                    break
                }
            }
            stream.pointee.next_in = nil
        }
        return out
    }
}
