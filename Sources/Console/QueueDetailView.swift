import Model

/// The queue detail overlay (Enter on a queue): what fills it — projects (sampled, estimated messages, share,
/// share at the stuck and the arriving end), tasks, issues — the oldest message's age, the selected project's
/// client keys and how to rate-limit one. Every string was sanitized by the probes.
public enum QueueDetailView {
    public static func draw(
        _ s: inout Surface, state: ConsoleState, detail: QueueDetailUI, now: Double, sentryURL: String, glyphs: Glyphs
    ) {
        let r = Rect(x: 2, y: 2, width: s.width - 4, height: s.height - 4)
        let depth = state.redis.latest?.queues.first { $0.name == detail.queue }?.depth
        let b = state.breakdowns[detail.queue]
        let title = "Queue \(detail.queue)"
        let keys = "Enter issues · Esc"
        let waiting = depth.map { "\(Format.count($0)) waiting" } ?? ""
        let summary = DisplayWidth.fitting(
            [waiting + (b.map { " · " + $0.sampleText } ?? ""), waiting],
            width: r.width - DisplayWidth.of(title) - DisplayWidth.of(keys) - 10)
        let inner = PanelFrame.draw(
            &s, r, title: title, summary: summary, status: .init(text: keys, role: .dim, banner: nil), focused: true,
            glyphs: glyphs)
        var y = inner.y
        let x = inner.x + 1
        let w = inner.width - 2
        guard let b else {
            s.put(
                "Not sampled: only the event pipeline's queues (events.*, post_process_*) and --queue ones are, every "
                    + "10 s while non-empty.", x: x, y: y, role: .dim, maxWidth: w)
            return
        }
        var facts: [String] = []
        if let age = b.oldestAge(now: now) { facts.append("oldest waiting \(Format.duration(age))") }
        facts.append("sampled \(Format.duration(max(0, now - b.takenAt))) ago")
        if b.all.objects + b.all.undecodable > 0 {
            facts.append("\(b.all.objects) object pickles, \(b.all.undecodable) unreadable (counted, not read)")
        }
        s.put(facts.joined(separator: " · "), x: x, y: y, role: .dim, maxWidth: w)
        y += 1
        if let arriving = MessageTally.top(b.newest.byProject, of: b.newest.count),
            let stuck = MessageTally.top(b.oldest.byProject, of: b.oldest.count)
        {
            let a = "arriving now: \(state.names.project(arriving.key)) \(Format.percent(arriving.share))"
            let st = "stuck: \(state.names.project(stuck.key)) \(Format.percent(stuck.share))"
            s.put(a + " · " + st, x: x, y: y, role: .normal, maxWidth: w)
            y += 1
        }
        y += 1
        y = drawProjects(
            &s, b, state: state, selection: detail.selection, x: x, y: y, width: w, bottom: inner.y + inner.height - 6)
        y = drawTasksAndIssues(
            &s, b, state: state, selection: detail.selection - projectRows(b).count, x: x, y: y + 1, width: w,
            bottom: inner.y + inner.height - 5)
        drawKeys(&s, state: state, sentryURL: sentryURL, x: x, y: max(y + 1, inner.y + inner.height - 6), width: w)
    }

    /// The selectable rows: projects (at most 20), then issues (at most 10), by sampled count.
    public static func projectRows(_ b: QueueBreakdown) -> [(key: Int64, count: Int)] {
        MessageTally.ranked(b.all.byProject, limit: 20)
    }

    public static func issueRows(_ b: QueueBreakdown) -> [(key: Int64, count: Int)] {
        MessageTally.ranked(b.all.byIssue, limit: 10)
    }

    public static func rowCount(_ b: QueueBreakdown) -> Int { projectRows(b).count + issueRows(b).count }

    static func drawProjects(
        _ s: inout Surface, _ b: QueueBreakdown, state: ConsoleState, selection: Int, x: Int, y top: Int, width: Int,
        bottom: Int
    ) -> Int {
        let table = Table(
            [
                .init("PROJECT", .flex(min: 12)), .init("SAMPLED", .fixed(8), right: true),
                .init("~MESSAGES", .fixed(10), right: true), .init("SHARE", .fixed(7), right: true),
                .init("STUCK", .fixed(7), right: true, hideBelow: 60),
                .init("ARRIVING", .fixed(9), right: true, hideBelow: 60),
            ], width: width, padLast: false)
        s.put(table.header, x: x, y: top, role: .label, maxWidth: width)
        var y = top + 1
        let rows = projectRows(b)
        if rows.isEmpty {
            s.put(
                "no message carries a project (kwargs project_id or cache_key)", x: x, y: y, role: .dim, maxWidth: width
            )
            return y + 1
        }
        let share = { (t: MessageTally, id: Int64) in
            t.count == 0 ? "—" : Format.percent(Double(t.byProject[id] ?? 0) / Double(t.count))
        }
        for (i, p) in rows.enumerated() where y < bottom {
            let chosen = i == selection
            table.draw(
                &s,
                [
                    (state.names.project(p.key), chosen ? .titleFocus : .normal), (Format.count(p.count), .value),
                    ("~" + Format.compact(Double(b.estimate(p.count))), .value),
                    (Format.percent(Double(p.count) / Double(max(1, b.all.count))), .normal),
                    (share(b.oldest, p.key), .dim), (share(b.newest, p.key), .dim),
                ], x: x, y: y)
            y += 1
        }
        return y
    }

    static func drawTasksAndIssues(
        _ s: inout Surface, _ b: QueueBreakdown, state: ConsoleState, selection: Int, x: Int, y top: Int, width: Int,
        bottom: Int
    ) -> Int {
        var y = top
        let tasks = MessageTally.ranked(b.all.byTask, limit: 3).map { "\($0.key) \($0.count)" }
        if !tasks.isEmpty, y < bottom {
            s.put("tasks: " + tasks.joined(separator: " · "), x: x, y: y, role: .normal, maxWidth: width)
            y += 1
        }
        let issues = issueRows(b)
        if !issues.isEmpty, y < bottom {
            s.put("ISSUE (post_process)      SAMPLED   SHARE", x: x, y: y, role: .label, maxWidth: width)
            y += 1
        }
        for (i, issue) in issues.enumerated() where y < bottom {
            let name = DisplayWidth.pad(state.names.issue(issue.key), to: 22)
            s.put(name, x: x, y: y, role: i == selection ? .titleFocus : .normal, maxWidth: width)
            s.put(
                DisplayWidth.pad(Format.count(issue.count), to: 10, right: true) + "  "
                    + Format.percent(Double(issue.count) / Double(max(1, b.all.count))), x: x + 23, y: y, role: .value,
                maxWidth: width - 23)
            y += 1
        }
        return y
    }

    /// The selected project's client keys and the runbook: rate-limit through Sentry (UI or API), never by SQL.
    static func drawKeys(_ s: inout Surface, state: ConsoleState, sentryURL: String, x: Int, y top: Int, width: Int) {
        var y = top
        guard let (_, result) = state.projectKeys else { return }
        switch result {
        case .failure(let e):
            s.put("client keys: \(e.message)", x: x, y: y, role: .warn, maxWidth: width)
        case .success(let k):
            s.put("Client keys of \(k.projectSlug) (read-only)", x: x, y: y, role: .label, maxWidth: width)
            y += 1
            for key in k.keys.prefix(2) {
                s.put(
                    "\(key.label.isEmpty ? "(no label)" : key.label)  \(key.publicKey.prefix(12))…  "
                        + "\(key.active ? "active" : "inactive")  \(key.limitText)", x: x + 1, y: y,
                    role: key.active ? .normal : .dim, maxWidth: width - 1)
                y += 1
            }
            let base = sentryURL.isEmpty ? "" : sentryURL.hasSuffix("/") ? String(sentryURL.dropLast()) : sentryURL
            let place =
                base.isEmpty
                ? "Project Settings → Client Keys, or PUT /api/0/projects/\(k.organizationSlug)/\(k.projectSlug)/keys/{public_key}/"
                : "\(base)/settings/\(k.organizationSlug)/projects/\(k.projectSlug)/keys/"
            let how = [
                "rate-limit a key: \(place) (\"rateLimit\": {window, count})", "rate-limit: \(place)", place,
            ]
            // A path is never cut: when even the bare place is too wide it continues on a second line.
            let lines =
                DisplayWidth.of(place) <= width || how.dropLast().contains { DisplayWidth.of($0) <= width }
                ? [DisplayWidth.fitting(how, width: width)] : DisplayWidth.wrapWords(place, to: width, maxLines: 2)
            for line in lines {
                s.put(line, x: x, y: y, role: .dim, maxWidth: width)
                y += 1
            }
            let why = [
                "not by SQL: Relay caches the project config (relayconfig:…, up to 1 h), a direct UPDATE is not applied",
                "not by SQL: Relay caches the project config for up to 1 h",
            ]
            s.put(DisplayWidth.fitting(why, width: width), x: x, y: y, role: .dim, maxWidth: width)
        }
    }
}
