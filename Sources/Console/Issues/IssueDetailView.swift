import Model

/// The detail of one issue: every field of its row, the web URL, recent event counts, the latest stored event
/// (exception, top frames, tags) and recent activity. Everything shown was sanitized by the probes.
enum IssueDetailView {
    static func draw(
        _ s: inout Surface, _ a: Rect, row r: IssueRow, detail: Result<IssueDetail, ProbeError>?, rates: IssueRates,
        now: Double,
        glyphs: Glyphs, header: HeaderInfo, eventsElsewhere: Bool = false
    ) {
        var y = a.y
        let bottom = a.y + a.height
        func line(_ text: String, _ role: Role = .normal, indent: Int = 0) {
            guard y < bottom else { return }
            s.put(text, x: a.x + indent, y: y, role: role, maxWidth: a.width - indent)
            y += 1
        }
        func field(_ label: String, _ value: String, _ role: Role = .normal) {
            guard y < bottom else { return }
            s.put(DisplayWidth.pad(label, to: 12), x: a.x, y: y, role: .label)
            s.put(value, x: a.x + 12, y: y, role: role, maxWidth: a.width - 12)
            y += 1
        }
        let idWidth = s.put(r.displayId + "  ", x: a.x, y: y, role: .value)
        s.put(r.title, x: a.x + idWidth, y: y, role: .titleFocus, maxWidth: a.width - idWidth)
        y += 1
        field(
            "status", r.status.longName + (r.inInbox ? " · for review" : "") + (r.bookmarked ? " · bookmarked" : ""),
            IssuesPanel.statusRole(r.status))
        var lvl = "\(IssueLevel.word(r.level)) · project \(r.projectSlug)"
        if let p = r.priority { lvl += " · priority \(p >= 75 ? "high" : p >= 50 ? "medium" : "low")" }
        field("level", lvl, IssuesPanel.levelRole(r.level))
        field("culprit", r.culprit.isEmpty ? "—" : r.culprit)
        // The count the list shows (Sentry's): stored plus what waits in Sentry's Redis buffer, both named.
        var seen = Format.count(Int(r.liveTimesSeen))
        if let p = r.pendingTimesSeen, p > 0 {
            seen += " (\(Format.count(Int(r.timesSeen))) stored + \(Format.count(Int(p))) in Sentry's Redis buffer)"
        }
        field("times seen", seen)
        if let recent = rates.recent(r.id, now: now) {
            let pm = rates.perMinute(r.id, now: now).map { " · \(Format.compact($0))/min now" } ?? ""
            let span = recent.covered < rates.window - 30 ? " (watched \(Format.duration(recent.covered)))" : ""
            let spark = Sparkline.render(rates.buckets(r.id, now: now), width: 10, glyphs: glyphs)
            field(
                "last 10 min", "\(Format.count(Int(recent.count))) events\(span)\(pm)  \(spark)",
                recent.count > 0 ? .warn : .normal)
        }
        field(
            "first seen",
            "\(Format.duration(max(0, now - r.firstSeen))) ago · \(Format.clock(r.firstSeen, utcOffset: header.utcOffset))"
        )
        field(
            "last seen",
            "\(Format.duration(max(0, now - r.lastSeen))) ago · \(Format.clock(r.lastSeen, utcOffset: header.utcOffset))"
        )
        field("assignee", r.assignee == .none ? "unassigned" : r.assignee.label)
        field(
            "url", header.issueURL(r).map { $0 + "  (y copies)" } ?? "set --sentry-url to link issues",
            header.issueURL(r) == nil ? .dim : .normal)
        y += 1
        switch detail {
        case nil:
            line("loading event and activity…", .dim)
        case .failure(let e)?:
            line("detail unavailable: \(e.message)", .crit)
        case .success(let d)?:
            switch d.event {
            case .found(let e):
                line("Latest event \(e.eventId) · \(Format.duration(max(0, now - e.time))) ago", .label)
                line("\(e.exceptionType)\(e.exceptionType.isEmpty ? "" : ": ")\(e.exceptionValue)", .crit, indent: 2)
                for f in e.frames.reversed().prefix(5) { line(f, .normal, indent: 4) }
                if !e.tags.isEmpty { line(e.tags.map { "\($0.0)=\($0.1)" }.joined(separator: "  "), .dim, indent: 2) }
            case .unavailable(let why):
                line("Latest event: \(why)", .dim)
                if eventsElsewhere {
                    line(
                        "new events are not stored in Postgres here (nodestore elsewhere, e.g. SeaweedFS)", .dim,
                        indent: 2)
                }
            }
            y += 1
            line("Activity", .label)
            if d.activity.isEmpty { line("none recorded", .dim, indent: 2) }
            for act in d.activity {
                let who = act.user.isEmpty ? "Sentry" : act.user
                line(
                    "\(DisplayWidth.pad(Format.duration(max(0, now - act.time)) + " ago", to: 10)) \(DisplayWidth.pad(act.typeName, to: 20)) \(who)",
                    .normal, indent: 2)
            }
        }
    }
}
