import Model

/// Draws the Issues screen's modal on top of the list: the filter line (with its inline error), the archive
/// menu, the assignee prompt, or the write confirmation stating action, count, short ids, install and user.
enum IssuesModal {
    static func draw(_ s: inout Surface, _ area: Rect, ui: IssuesUI, header: HeaderInfo, glyphs: Glyphs) {
        guard let modal = ui.modal else { return }
        switch modal {
        case .filter(let editor):
            let text = editor.text
            let y = area.y + area.height - (ui.filterError == nil ? 1 : 2)
            s.fill(x: area.x, y: y, width: area.width, height: area.y + area.height - y, role: .normal)
            let shown = DisplayWidth.of(text) > area.width - 4 ? "…" + String(text.suffix(area.width - 6)) : text
            let used = s.put("/ " + shown, x: area.x, y: y, role: .value, maxWidth: area.width - 1)
            s.put(" ", x: area.x + used, y: y, role: .selection)
            if let e = ui.filterError {
                s.put(e, x: area.x, y: y + 1, role: .crit, maxWidth: area.width)
            } else {
                s.put(
                    "  Enter applies · Esc cancels · ^U clears", x: area.x + used + 1, y: y, role: .dim,
                    maxWidth: max(0, area.width - used - 1))
            }
        case .archiveMenu(let targets):
            box(
                &s, area, title: "Archive \(count(targets))",
                lines: [
                    ("f  forever", .normal), ("e  until escalating", .normal), ("1  for 1 hour", .normal),
                    ("2  for 24 hours", .normal),
                    ("3  for 1 week", .normal), ("4  until 100 more events", .normal),
                    ("5  until 1,000 more events", .normal),
                    ("", .normal), ("Esc cancels", .dim),
                ], glyphs: glyphs)
        case .assign(let editor, let targets):
            let text = editor.text
            box(
                &s, area, title: "Assign \(count(targets))",
                lines: [
                    ("to (email or #team): " + text + "▏", .value), ("", .normal),
                    ("Enter continues · Esc cancels", .dim),
                ], glyphs: glyphs)
        case .confirm(let action, let targets):
            var lines: [(String, Role)] = [("\(action.label) — \(count(targets))", .warn)]
            lines += wrap(targets.map(\.displayId), width: min(area.width - 8, 70), maxLines: 3).map { ($0, .value) }
            if !header.context.isEmpty { lines.append(("context  \(header.context)", .warn)) }
            lines.append(("install  \(header.postgresTarget)", .normal))
            lines.append(("as       \(header.actor)", .normal))
            lines.append(("writes   issue rows, activity, history, inbox/snooze/assignee rows;", .dim))
            lines.append(("         not Sentry's cache, Snuba or notifications (README: safety)", .dim))
            lines.append(("changed issues are skipped, not overwritten; logged to the audit log", .dim))
            lines.append(("", .normal))
            lines.append(("y confirm · n / Esc cancel", .keyHint))
            box(&s, area, title: "Confirm write", lines: lines, glyphs: glyphs)
        }
    }

    static func count(_ t: [TriageTarget]) -> String { t.count == 1 ? "1 issue" : "\(t.count) issues" }

    /// Comma-joined ids wrapped to `width`, at most `maxLines` lines (the last says how many more).
    static func wrap(_ ids: [String], width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for (i, id) in ids.enumerated() {
            let piece = current.isEmpty ? id : ", " + id
            if DisplayWidth.of(current + piece) > width {
                lines.append(current + ",")
                if lines.count == maxLines - 1 {
                    lines.append("\(id) … and \(ids.count - i - 1) more")
                    return lines
                }
                current = id
            } else {
                current += piece
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    static func box(_ s: inout Surface, _ area: Rect, title: String, lines: [(String, Role)], glyphs: Glyphs) {
        let w = min(area.width - 2, max(40, (lines.map { DisplayWidth.of($0.0) }.max() ?? 0) + 4))
        let h = min(area.height, lines.count + 2)
        let r = Rect(x: area.x + (area.width - w) / 2, y: area.y + max(0, (area.height - h) / 2), width: w, height: h)
        let inner = PanelFrame.draw(
            &s, r, title: title, summary: "", status: .init(text: "", role: .dim, banner: nil), focused: true,
            glyphs: glyphs)
        for (i, l) in lines.prefix(inner.height).enumerated() {
            s.put(l.0, x: inner.x + 1, y: inner.y + i, role: l.1, maxWidth: inner.width - 2)
        }
    }
}
