/// Sentry's display id for an issue: `UPPER(slug)-base32(short_id)` with the alphabet
/// `0123456789ABCDEFGHJKMNPQRSTVWXYZ` (no I, L, O, U), most significant digit first (docs/reference/sentry-schema.md §4).
public enum ShortId {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// Base32 of a non-negative counter value (0 → "0").
    public static func encode(_ value: Int64) -> String {
        guard value > 0 else { return "0" }
        var v = value
        var out: [Character] = []
        while v > 0 {
            out.append(alphabet[Int(v % 32)])
            v /= 32
        }
        return String(out.reversed())
    }

    /// Inverse of `encode`, tolerant like Sentry's: case-insensitive, `O`→0, `I`/`L`→1; nil for other input.
    public static func decode(_ text: String) -> Int64? {
        guard !text.isEmpty, text.count <= 12 else { return nil }
        var v: Int64 = 0
        for c in text.uppercased() {
            let mapped: Character = c == "O" ? "0" : (c == "I" || c == "L") ? "1" : c
            guard let i = alphabet.firstIndex(of: mapped) else { return nil }
            v = v * 32 + Int64(i)
        }
        return v
    }

    /// `BACKEND-Z8`; nil when the issue has no short id (very old rows) or no project slug.
    public static func display(slug: String?, shortId: Int64?) -> String? {
        guard let slug, !slug.isEmpty, let shortId else { return nil }
        return "\(slug.uppercased())-\(encode(shortId))"
    }

    /// `display` shortened to `width` columns by the slug only: its head, "…", then the whole counter part
    /// (`PAYMENTS-SERVICE-EU-1A` → `PAYMENTS…-1A`), so the id stays recognisable and its number exact. Whole
    /// when it fits; the full id stays in the detail and the JSON.
    public static func abbreviate(_ display: String, to width: Int) -> String {
        guard DisplayWidth.of(display) > width, let cut = display.lastIndex(of: "-") else { return display }
        let tail = String(display[cut...])
        let room = width - DisplayWidth.of(tail) - 1
        guard room >= 1 else { return display }
        return DisplayWidth.truncate(String(display[..<cut]), to: room + 1) + tail
    }

    /// Splits `issue:BACKEND-Z8` / `backend_z8` at the last `-`, `_` or space: (lower-cased slug, short id).
    public static func parse(_ text: String) -> (slug: String, shortId: Int64)? {
        var t = Substring(text)
        if t.lowercased().hasPrefix("issue:") { t = t.dropFirst(6) }
        guard let cut = t.lastIndex(where: { $0 == "-" || $0 == "_" || $0 == " " }) else { return nil }
        let slug = t[..<cut].lowercased()
        guard !slug.isEmpty, let n = decode(String(t[t.index(after: cut)...])) else { return nil }
        return (slug, n)
    }
}
