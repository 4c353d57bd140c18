import Model

/// The top line of every screen: mode badge, targets, interval, clock and PAUSED.
enum HeaderBar {
    static func draw(_ s: inout Surface, header: HeaderInfo, ui: UIState, now: Double) {
        s.fill(x: 0, y: 0, width: s.width, height: 1, role: .header)
        // Below 100 columns the interval gives way to the targets; the clock and PAUSED always stay.
        let interval = s.width >= 100 ? "\(Format.duration(ui.interval)) · " : ""
        // Minutes only: a ticking seconds field would be most of an idle screen's output over SSH.
        // A replay shows the recorded second: stepping one sample must visibly move the clock.
        let clock = String(Format.clock(now, utcOffset: header.utcOffset).prefix(header.replay ? 8 : 5))
        let right = (ui.paused ? "PAUSED · " : "") + interval + clock + " "
        let rightX = s.width - DisplayWidth.of(right)
        let redis =
            header.redisTarget.hasPrefix("redis://") ? String(header.redisTarget.dropFirst(8)) : header.redisTarget
        let full = " pg \(header.postgresTarget) · redis \(redis)"
        // The mode badge is never sacrificed for the targets: full from 100 columns, short below; the targets
        // lose their "redis" label first, then get truncated.
        let wide = s.width >= 100
        let badge =
            header.replay
            ? " REPLAY " : header.writeMode ? (wide ? " WRITE MODE " : " WRITE ") : (wide ? " READ-ONLY " : " RO ")
        // The context's badge is never sacrificed either: which install this is matters more than its address.
        let contextBadge = header.context.isEmpty ? "" : " \(DisplayWidth.truncate(header.context, to: 24)) "
        let room = rightX - 16 - DisplayWidth.of(badge) - DisplayWidth.of(contextBadge) - 1
        let host =
            header.postgresTarget.split(separator: "@", maxSplits: 1).last.map(String.init) ?? header.postgresTarget
        let targets = DisplayWidth.of(full) <= room ? full : " pg \(host) · \(redis)"
        var x = s.put(" sentry-console ", x: 0, y: 0, role: .header)
        x += s.put(badge, x: x, y: 0, role: header.replay ? .warn : header.writeMode ? .writeBadge : .headerBadge)
        if !contextBadge.isEmpty { x += s.put(contextBadge, x: x, y: 0, role: header.contextRole) }
        s.put(right, x: rightX, y: 0, role: ui.paused ? .warn : .header)
        s.put(targets, x: x, y: 0, role: .header, maxWidth: max(0, rightX - x - 1))
    }
}
