import Model

/// The Database panel: connections against `max_connections`, breakdowns, the longest query and
/// transaction, and lock waits with their blockers.
public enum DatabasePanel {
    public static func summary(_ state: ConsoleState) -> String {
        guard let p = state.postgres.latest else { return "" }
        return "PG \(p.serverVersion) · \(p.database)"
    }

    public static func draw(_ s: inout Surface, _ area: Rect, state: ConsoleState, glyphs: Glyphs, scroll: Int) {
        guard area.height > 0, area.width > 10, let p = state.postgres.latest else { return }
        let lines = self.lines(p, width: area.width, glyphs: glyphs)
        let top = ListViewport.clamp(scroll, count: lines.count, visible: area.height)
        for (i, line) in lines.dropFirst(top).prefix(area.height).enumerated() {
            var x = area.x
            for (text, role) in line {
                let room = area.x + area.width - x
                guard room > 0 else { break }
                x += s.put(text, x: x, y: area.y + i, role: role, maxWidth: room)
            }
        }
    }

    /// How many lines the panel has for the latest snapshot (for scroll clamping).
    static func lineCount(_ state: ConsoleState) -> Int {
        state.postgres.latest.map { lines($0, width: 80, glyphs: .ascii).count } ?? 0
    }

    /// The panel's lines as runs of text and role; only the gauge's length depends on `width`.
    static func lines(_ p: PostgresSnapshot, width: Int, glyphs: Glyphs) -> [[(String, Role)]] {
        var lines: [[(String, Role)]] = []
        let used = p.total
        let cap = p.usableConnections
        let ratio = Double(used) / Double(cap)
        let gaugeRole: Role = ratio >= 0.95 ? .crit : ratio >= 0.8 ? .warn : .ok
        let numbers = " \(used)/\(cap) \(Int((ratio * 100).rounded()))%"
        // On a big server pg_stat_activity is read every few refreshes: the connection lines say how old they are.
        let age = p.activityAt.map { p.takenAt - $0 } ?? 0
        let old = age >= 1 ? " · \(Format.duration(age)) old" : ""
        let barW = max(4, min(30, width - 6 - numbers.count - old.count))
        let filled = min(barW, Int((Double(barW) * min(1, ratio)).rounded()))
        lines.append([
            ("conns ", .label), (String(repeating: glyphs.gaugeFull, count: filled), gaugeRole),
            (String(repeating: glyphs.gaugeEmpty, count: barW - filled), .dim), (numbers, gaugeRole), (old, .dim),
        ])
        let states: [(String, String)] = [
            ("active", "active"), ("idle", "idle"), ("idle in transaction", "idle-in-tx"),
            ("idle in transaction (aborted)", "aborted"),
        ]
        var stateLine: [(String, Role)] = []
        for (key, label) in states {
            let n = p.count(state: key)
            let role: Role = (key.hasPrefix("idle in") && n > 0) ? .warn : .normal
            stateLine.append(("\(label) ", .dim))
            stateLine.append(("\(n)  ", role))
        }
        lines.append(stateLine)
        // A role without pg_read_all_stats sees other roles' sessions with no state, query or times: counted
        // here as hidden, and the lines below say "visible" instead of claiming there is none.
        let hidden = p.hiddenSessions
        if hidden > 0 {
            let count = "hidden \(hidden)"
            let hint = DisplayWidth.fitting(
                [
                    " other roles' sessions: GRANT pg_read_all_stats to the console's role",
                    ": GRANT pg_read_all_stats to this role", ": GRANT pg_read_all_stats", "",
                ], width: width - DisplayWidth.of(count))
            lines.append([("hidden ", .label), ("\(hidden)", .warn), (hint, .warn)])
        }
        if let denied = p.install.deniedTables, !denied.isEmpty {
            let text = DisplayWidth.fitting(
                [
                    "  no SELECT on " + denied.joined(separator: ", ") + " (GRANT it to the console's role)",
                    "  no SELECT on " + DisplayWidth.list(denied, width: max(1, width - 16)),
                ], width: width)
            lines.append([(text, .warn)])
        }
        let none = hidden > 0 ? "none visible" : nil
        lines.append(breakdown("apps", p.byApplication, width: width))
        lines.append(breakdown("clients", p.byClient, width: width))
        lines.append(breakdown("users", p.byUser, width: width))
        if let q = p.longestQuery {
            lines.append([
                ("query ", .label), (Format.duration(q.seconds) + " ", q.seconds >= 30 ? .warn : .value),
                ("pid \(q.pid) ", .dim), (q.query, .normal),
            ])
        } else {
            lines.append([("query ", .label), (none ?? "none running", .dim)])
        }
        if let x = p.longestTransaction {
            lines.append([
                ("xact  ", .label),
                (Format.duration(x.seconds) + " ", x.seconds >= 60 && x.state.hasPrefix("idle in") ? .warn : .value),
                ("pid \(x.pid) \(x.state) ", .dim), (x.query, .normal),
            ])
        } else {
            lines.append([("xact  ", .label), (none ?? "none open", .dim)])
        }
        if p.lockWaits.isEmpty {
            lines.append([("locks ", .label), (hidden > 0 ? "no visible waits" : "no waits", .dim)])
        } else {
            lines.append([("locks ", .label), ("\(p.lockWaits.count) waiting", .crit)])
            for w in p.lockWaits {
                let blockers = w.blockers.map(String.init).joined(separator: ",")
                lines.append([
                    ("  pid \(w.pid) ", .normal), ("\(Format.duration(w.waitingSeconds)) ", .warn),
                    ("\(glyphs.ellipsisArrow) \(blockers.isEmpty ? "?" : blockers) ", .crit), (w.query, .dim),
                ])
            }
        }
        return lines
    }

    /// `label name n, name n +k`: whole items while they fit in `width` (with room left for the `+k` of the
    /// rest), at most four; an item is never cut in the middle except a lone first one.
    private static func breakdown(_ label: String, _ counts: [NamedCount], width: Int) -> [(String, Role)] {
        var out: [(String, Role)] = [(label + " ", .label)]
        if counts.isEmpty { out.append(("none", .dim)) }
        var used = DisplayWidth.of(label) + 1
        var shown = 0
        for (i, c) in counts.prefix(4).enumerated() {
            let name = (i > 0 ? ", " : "") + DisplayWidth.truncate(c.name, to: 24) + " "
            let item = DisplayWidth.of(name) + "\(c.count)".count
            let after = counts.count - i - 1
            let marker = after > 0 ? " +\(after)".count : 0
            guard shown == 0 || used + item + marker <= width else { break }
            out.append((name, .normal))
            out.append(("\(c.count)", .value))
            used += item
            shown += 1
        }
        if shown < counts.count { out.append((" +\(counts.count - shown)", .dim)) }
        return out
    }
}
