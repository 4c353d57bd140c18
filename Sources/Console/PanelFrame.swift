import Model

/// Draws a bordered panel with a title, a summary and a right-aligned status (data age or outage), and
/// the outage line inside when its source is down. Returns the rectangle left for content.
public enum PanelFrame {
    public struct Status: Equatable, Sendable {
        public var text: String
        public var role: Role
        /// A line to show first inside the panel (the outage), if any.
        public var banner: String?
    }

    /// Status of a source for a panel title, from its health, age and the refresh interval.
    public static func status<S>(of source: SourceState<S>, now: Double, interval: Double, utcOffset: Int) -> Status {
        if let f = source.failure {
            let retry = max(0, Int((f.retryAt - now).rounded(.up)))
            let since = Format.clock(f.since, utcOffset: utcOffset)
            // Past the retry time an attempt is under way (a connect can take its whole timeout): say that.
            let attempt = retry > 0 ? "retrying in \(retry)s" : "reconnecting…"
            // A server that answered with a refusal (a privilege, a password, a missing table) is not down.
            let reached = !f.error.isUnreachable
            let banner =
                "\(reached ? "failing" : "unreachable") since \(since) (\(Format.duration(now - f.since))), \(attempt): "
                + f.error.message
            let age = source.age(now: now).map { "last data \(Format.duration($0)) ago" } ?? "no data yet"
            return Status(text: "\(reached ? "ERROR" : "DOWN") · \(age)", role: .crit, banner: banner)
        }
        guard let age = source.age(now: now) else { return Status(text: "connecting…", role: .dim, banner: nil) }
        if age > max(10, interval * 3) {
            return Status(text: "stale \(Format.duration(age))", role: .warn, banner: nil)
        }
        // Within one refresh (plus slack) the age is shown as its bound, so a healthy screen does not rewrite
        // three ticking numbers every second; an older sample shows its exact age.
        if age <= interval + 1 { return Status(text: "≤\(Format.duration(interval + 1)) ago", role: .dim, banner: nil) }
        return Status(text: "\(Format.duration(age)) ago", role: .dim, banner: nil)
    }

    @discardableResult
    public static func draw(
        _ s: inout Surface, _ r: Rect, title: String, summary: String, status: Status, focused: Bool, glyphs: Glyphs,
        shorterSummaries: [String] = []
    ) -> Rect {
        guard r.width >= 4, r.height >= 2 else { return Rect(x: r.x, y: r.y, width: 0, height: 0) }
        let g = glyphs
        s.put(g.topLeft, x: r.x, y: r.y, role: .border)
        s.put(String(repeating: g.horizontal, count: r.width - 2), x: r.x + 1, y: r.y, role: .border)
        s.put(g.topRight, x: r.x + r.width - 1, y: r.y, role: .border)
        for y in (r.y + 1)..<(r.y + r.height - 1) {
            s.put(g.vertical, x: r.x, y: y, role: .border)
            s.fill(x: r.x + 1, y: y, width: r.width - 2, height: 1)
            s.put(g.vertical, x: r.x + r.width - 1, y: y, role: .border)
        }
        s.put(g.bottomLeft, x: r.x, y: r.y + r.height - 1, role: .border)
        s.put(String(repeating: g.horizontal, count: r.width - 2), x: r.x + 1, y: r.y + r.height - 1, role: .border)
        s.put(g.bottomRight, x: r.x + r.width - 1, y: r.y + r.height - 1, role: .border)

        let statusText = status.text.isEmpty ? "" : " \(status.text) "
        let statusWidth = min(DisplayWidth.of(statusText), max(0, r.width - 12))
        let statusX = r.x + r.width - 1 - statusWidth
        s.put(statusText, x: statusX, y: r.y, role: status.role, maxWidth: statusWidth)
        var x = r.x + 1
        x += s.put(" \(title) ", x: x, y: r.y, role: focused ? .titleFocus : .title, maxWidth: statusX - x - 1)
        if !summary.isEmpty && statusX - x > 4 {
            // The longest form that fits whole (each a phrase-wise shortening), never a cut mid-word.
            // When even the shortest does not fit, it is cut at a word and the cut is marked ("…").
            let room = statusX - x - 3
            let text = DisplayWidth.truncateWords(
                DisplayWidth.fitting([summary] + shorterSummaries, width: room), to: room)
            s.put(" \(text) ", x: x, y: r.y, role: .normal, maxWidth: statusX - x - 1)
        }
        if let banner = status.banner, r.inner.height > 0 {
            s.put(banner, x: r.inner.x, y: r.inner.y, role: .crit, maxWidth: r.inner.width)
        }
        return content(r, status: status)
    }

    /// The area inside the frame and under its banner (what `draw` returns), without drawing.
    public static func content(_ r: Rect, status: Status) -> Rect {
        guard r.width >= 4, r.height >= 2 else { return Rect(x: r.x, y: r.y, width: 0, height: 0) }
        let inner = r.inner
        guard status.banner != nil, inner.height > 0 else { return inner }
        return Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
    }
}
