import Console
import Model

/// The bottom line of a replay: play state and speed, the recorded date and time, where that is in the
/// recording, then the status line's news or the timeline's keys (whole hints only, as room allows).
enum ReplayBar {
    static func draw(_ s: inout Surface, replay r: ReplayCore) {
        let y = s.height - 1
        guard y > 0 else { return }
        s.fill(x: 0, y: y, width: s.width, height: 1, role: .normal)
        let offset = r.core.config.header.utcOffset
        if let editor = r.prompt {
            var x = s.put(" jump to: ", x: 0, y: y, role: .keyHint)
            x += s.put(editor.text + "_", x: x, y: y, role: .value, maxWidth: max(0, s.width - x))
            s.put(
                "  02:47  -30m  +5m  2026-11-30T02:47Z · Enter go · Esc cancel", x: x, y: y, role: .dim,
                maxWidth: max(0, s.width - x))
            return
        }
        let when = CivilTime(r.cursor, utcOffset: offset)
        let state = r.playing ? " PLAY " : " PAUSE "
        var x = s.put(state + Format.fixed(r.speed, 0) + "× ", x: 0, y: y, role: .warn)
        x += s.put(" \(when.date) \(when.time) ", x: x, y: y, role: .value)
        let span = max(1, r.timeline.end - r.timeline.start)
        let behind = r.timeline.end - r.cursor
        let tail = behind < 0.5 ? " end " : " −\(Format.duration(behind)) "
        let barWidth = min(24, max(6, s.width / 6))
        if x + barWidth + DisplayWidth.of(tail) <= s.width {
            let filled = Int(((r.cursor - r.timeline.start) / span * Double(barWidth - 1)).rounded())
            let track = (0..<barWidth).map { $0 == filled ? "o" : "-" }.joined()
            x += s.put(track, x: x, y: y, role: .graph)
            x += s.put(tail, x: x, y: y, role: .dim)
        }
        if let n = r.core.state.ui.status {
            s.put(" " + n.text, x: x, y: y, role: n.isError ? .crit : .ok, maxWidth: max(0, s.width - x))
            return
        }
        let hints =
            (r.liveHistory ? [("esc", "live")] : [])
            + ReplayKeys.map.footerHints.map { ($0.footer?.key ?? "", $0.footer?.word ?? "") } + [("q", "quit")]
        x += 1
        for (key, word) in hints {
            guard x + DisplayWidth.of(key) + 1 + DisplayWidth.of(word) <= s.width else { break }
            x += s.put(key, x: x, y: y, role: .keyHint)
            x += s.put(" \(word)  ", x: x, y: y, role: .keyLabel, maxWidth: s.width - x)
        }
    }
}
