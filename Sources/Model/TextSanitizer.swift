/// Turns untrusted bytes or strings (from Postgres, Redis, the network) into text that is safe to draw:
/// the result never contains C0/C1 controls, escape sequences, bidi overrides or invalid UTF-8, and each
/// grapheme is reduced to one base scalar plus at most four combining marks, so its width is predictable (a flag
/// becomes its two letters: "🇺🇸" → "US").
public enum TextSanitizer {
    /// Decodes bytes as UTF-8 (invalid sequences become U+FFFD) and sanitizes them.
    public static func clean<Bytes: Collection>(bytes: Bytes, maxLength: Int = 4096) -> String
    where Bytes.Element == UInt8 {
        clean(String(decoding: bytes, as: UTF8.self), maxLength: maxLength)
    }

    /// Sanitizes a string; at most `maxLength` graphemes are kept (an ellipsis marks the cut).
    public static func clean(_ input: String, maxLength: Int = 4096) -> String {
        // Printable ASCII (most names, queries, titles) is already safe and one grapheme per byte: returned as is,
        // without the per-scalar Unicode lookups below (they were a quarter of the console's CPU).
        if input.utf8.count <= maxLength, input.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return input }
        let stripped = stripEscapes(input.unicodeScalars)
        var out = String()
        out.reserveCapacity(min(stripped.count, maxLength))
        var kept = 0
        var lastWasSpace = false
        for character in String(String.UnicodeScalarView(stripped)) {
            if kept >= maxLength {
                out.append("…")
                break
            }
            guard let base = character.unicodeScalars.first else { continue }
            if isWhitespaceControl(base) {
                if !lastWasSpace {
                    out.append(" ")
                    kept += 1
                }
                lastWasSpace = true
                continue
            }
            if isForbidden(base) { continue }
            lastWasSpace = false
            if (0x1F1E6...0x1F1FF).contains(base.value) {
                // A flag is two regional-indicator letters; terminals disagree on drawing them (wcwidth says 1
                // each, fonts join them in 2), and a lone one re-joins its neighbour: write the letters ("US").
                for s in character.unicodeScalars where (0x1F1E6...0x1F1FF).contains(s.value) {
                    out.unicodeScalars.append(Unicode.Scalar(UInt8(s.value - 0x1F1E6) + UInt8(ascii: "A")))
                }
                kept += 1
                continue
            }
            var cluster = String.UnicodeScalarView()
            cluster.append(base)
            var marks = 0
            for scalar in character.unicodeScalars.dropFirst() where marks < 4 && isCombiningMark(scalar) {
                cluster.append(scalar)
                marks += 1
            }
            out.unicodeScalars.append(contentsOf: cluster)
            kept += 1
        }
        return out
    }

    /// Removes ESC-introduced sequences (CSI, OSC, DCS, two-byte escapes) and C1 CSI/OSC sequences.
    static func stripEscapes(_ scalars: String.UnicodeScalarView) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(scalars.count)
        var iterator = Array(scalars)[...]
        while let scalar = iterator.popFirst() {
            switch scalar.value {
            case 0x1B:  // ESC
                guard let next = iterator.first else { continue }
                switch next.value {
                case 0x5B:  // '[' CSI
                    iterator.removeFirst()
                    skipCSI(&iterator)
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F:  // OSC, DCS, SOS, PM, APC: until BEL or ST
                    iterator.removeFirst()
                    skipString(&iterator)
                default:
                    if (0x20...0x7E).contains(next.value) { iterator.removeFirst() }
                }
            case 0x9B:  // C1 CSI
                skipCSI(&iterator)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F:  // C1 OSC, DCS, SOS, PM, APC
                skipString(&iterator)
            default:
                out.append(scalar)
            }
        }
        return out
    }

    private static func skipCSI(_ it: inout ArraySlice<Unicode.Scalar>) {
        while let s = it.popFirst() {
            if (0x40...0x7E).contains(s.value) { return }  // final byte
            if !(0x20...0x3F).contains(s.value) {
                it.insert(s, at: it.startIndex)
                return
            }  // malformed: stop
        }
    }

    private static func skipString(_ it: inout ArraySlice<Unicode.Scalar>) {
        while let s = it.popFirst() {
            if s.value == 0x07 || s.value == 0x9C { return }
            if s.value == 0x1B, it.first?.value == 0x5C {
                it.removeFirst()
                return
            }
        }
    }

    private static func isWhitespaceControl(_ s: Unicode.Scalar) -> Bool {
        s == "\n" || s == "\r" || s == "\t" || s == "\u{0B}" || s == "\u{0C}"
            || s == "\u{2028}" || s == "\u{2029}" || s == "\u{85}"
    }

    /// Controls, bidi overrides/isolates, zero-width and format characters, surrogates, noncharacters.
    public static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v >= 0x20 && v < 0x7F { return false }  // printable ASCII: the common case, no table lookup
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        if (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v) || (0x2060...0x206F).contains(v) {
            return true
        }
        if v == 0xFEFF || (0xFFF9...0xFFFB).contains(v) || (0xFE00...0xFE0F).contains(v) { return true }
        if (0xE0000...0xE007F).contains(v) || (0xE0100...0xE01EF).contains(v) { return true }
        switch s.properties.generalCategory {
        case .format, .control, .surrogate, .unassigned, .lineSeparator, .paragraphSeparator: return true
        case .nonspacingMark, .enclosingMark: return true  // a mark with no base is dropped
        default: return false
        }
    }

    public static func isCombiningMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return !(0xFE00...0xFE0F).contains(s.value)
        default: return false
        }
    }
}
