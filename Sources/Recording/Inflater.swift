internal import CZlib

/// Reads concatenated gzip members back, tolerating a torn or corrupt tail: everything before the damage is
/// returned, and the damage is reported instead of thrown.
enum Inflater {
    struct Output {
        /// The decompressed text of every member read.
        var text: [UInt8] = []
        /// Where each member started: its offset in the input and in `text`.
        var members: [(offset: Int, textOffset: Int)] = []
        /// Whether the input ended inside a member or held bytes that are not gzip (a crash's torn tail).
        var damaged = false
    }

    /// Inflates the members in `data[start..<end]`.
    static func inflate(_ data: [UInt8], from start: Int, to end: Int) -> Output {
        var out = Output()
        guard start < end, end <= data.count else { return out }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard inflateInit2_(stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            out.damaged = true
            return out
        }
        defer { inflateEnd(stream) }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        data.withUnsafeBufferPointer { input in
            var position = start
            while position < end {
                // Each member starts with the gzip magic; anything else is damage.
                guard end - position >= 2, input[position] == 0x1F, input[position + 1] == 0x8B else {
                    out.damaged = true
                    return
                }
                out.members.append((position, out.text.count))
                inflateReset(stream)
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + position)
                stream.pointee.avail_in = uInt(end - position)
                var status: Int32 = Z_OK
                while status == Z_OK {
                    status = chunk.withUnsafeMutableBufferPointer { buf -> Int32 in
                        stream.pointee.next_out = buf.baseAddress
                        stream.pointee.avail_out = uInt(buf.count)
                        return CZlib.inflate(stream, Z_NO_FLUSH)
                    }
                    out.text.append(contentsOf: chunk[0..<(chunk.count - Int(stream.pointee.avail_out))])
                    if status == Z_OK && stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 { break }
                }
                position = end - Int(stream.pointee.avail_in)
                if status != Z_STREAM_END {
                    // Ran out of input inside the member (torn) or hit bytes that do not inflate (corrupt).
                    out.damaged = true
                    return
                }
            }
        }
        return out
    }
}
