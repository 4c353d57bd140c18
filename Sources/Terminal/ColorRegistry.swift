internal import CNcurses
import Console

/// Maps each theme role to ncurses attributes and one colour pair, allocated once per theme load.
/// Invariant: pair numbers stay below COLOR_PAIRS; roles that would overflow fall back to pair 0.
@MainActor
struct ColorRegistry {
    private(set) var attrs: [Role: (attr: attr_t, pair: Int16)] = [:]

    init(theme: Theme, colors: Int, pairsAvailable: Int) {
        var pairs: [[Int]: Int16] = [:]
        var next: Int16 = 1
        for role in Role.allCases {
            let st = theme.style(role)
            var a = cncurses_a_normal()
            if st.bold { a |= cncurses_a_bold() }
            if st.dim { a |= cncurses_a_dim() }
            if st.reverse { a |= cncurses_a_reverse() }
            if st.underline { a |= cncurses_a_underline() }
            var pair: Int16 = 0
            if colors > 0 {
                let key = [st.fg.index(forColors: colors), st.bg.index(forColors: colors)]
                if key != [-1, -1] {
                    if let p = pairs[key] {
                        pair = p
                    } else if Int(next) < pairsAvailable {
                        init_pair(next, Int16(key[0]), Int16(key[1]))
                        pairs[key] = next
                        pair = next
                        next += 1
                    }
                }
            }
            attrs[role] = (a, pair)
        }
    }
}
