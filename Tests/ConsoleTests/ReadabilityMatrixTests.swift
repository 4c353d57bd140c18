import Foundation
import Testing

@testable import Console
@testable import Model

/// Every screen at 80×24, 100×30, 120×40 and 200×50 on a hostile install — 100-character project slugs, 7-digit
/// counts, 90-day ages, CJK/emoji titles, 89 queues of which 3 hold messages, alerts firing — with the rules
/// checked on each frame: ids whole (or abbreviated by the slug, number whole), no ellipsis inside a number,
/// no cut inside a title or summary line, empty queues folded, the most severe alert first.
@Suite struct ReadabilityMatrixTests {
    static let now = 1010.0
    static let longSlug = "payments-" + String(repeating: "eu-central-", count: 8) + "gateway-x"

    static func issues() -> [IssueRow] {
        let day = 86400.0
        return [
            IssueRow(
                id: 11, projectId: 9, projectSlug: longSlug, organizationSlug: "acme", shortId: 459, level: 50,
                title: "TimeoutError: upstream payments gateway did not answer within 30 s", culprit: "pay.gateway",
                status: IssueStatus(status: 0, substatus: 5), timesSeen: 1_234_567, firstSeen: now - 90 * day,
                lastSeen: now - 3),
            IssueRow(
                id: 12, projectId: 2, projectSlug: "notifications", organizationSlug: "acme", shortId: 1223, level: 40,
                title: TextSanitizer.clean("数据库连接失败 😱 接続エラー 👨‍👩‍👧 🇩🇪"), culprit: "ユーザー.サービス",
                status: IssueStatus(status: 0, substatus: 6), timesSeen: 9_999_999, firstSeen: now - 89 * day - 7200,
                lastSeen: now - 40, assignee: .user(id: 1, name: "On Call", email: "oncall@example.com")),
            IssueRow(
                id: 13, projectId: 3, projectSlug: "ios", organizationSlug: "acme", shortId: 463, level: 30,
                title: "KeyError: 'user_id'", culprit: "app.handlers.process",
                status: IssueStatus(status: 2, substatus: 4), timesSeen: 927_400, firstSeen: now - 3 * 3600,
                lastSeen: now - 7200, assignee: .team(id: 1, slug: "backend-platform-oncall")),
        ]
    }

    /// The overview's busy install, then 89 queues (3 with messages, growing) and the hostile issue stream.
    static func state() -> ConsoleState {
        var s = OverviewSnapshotTests.busyState()
        for (i, t) in [1007.0, 1008, 1009].enumerated() {
            var queues = (0..<86).map {
                QueueSample(name: "sentry.tasks.idle_\($0)", depth: 0, byPriority: [0, 0, 0, 0], source: .binding)
            }
            queues.insert(
                contentsOf: [
                    QueueSample(
                        name: "events.save_event", depth: 1_234_567 + i * 900, byPriority: [0, 0, 0, 0],
                        source: .binding),
                    QueueSample(
                        name: "post_process_errors", depth: 50_000 + i * 100, byPriority: [0, 0, 0, 0], source: .binding
                    ),
                    QueueSample(name: "数据队列", depth: 7, byPriority: [7, 0, 0, 0], source: .binding),
                ], at: 0)
            let r = RedisSnapshot(
                takenAt: t, db: 0, keyPrefix: "", broker: .celery, queues: queues, inFlight: 12,
                oldestInFlightSeconds: 95, bufferBacklog: 40,
                stats: RedisStats(version: "7.0.15", connectedClients: 14, totalCommands: 20_000 + Int64(i) * 400))
            s.apply(.redis(.success(r), at: t, retryAt: t + 2))
            s.apply(
                .issues(
                    .success(IssuesSnapshot(rows: issues(), query: "is:unresolved", sort: .lastSeen, takenAt: t)),
                    at: t, retryAt: t + 2))
        }
        s.evaluateAlerts(now: now)
        return s
    }

    static let sizes = [(80, 24), (100, 30), (120, 40), (200, 50)]

    static func render(_ screen: UIState.Screen, _ w: Int, _ h: Int) -> Surface {
        var ui = UIState()
        ui.screen = screen
        return ConsoleView(header: OverviewSnapshotTests.header).render(
            state: state(), ui: ui, now: now, width: w, height: h)
    }

    @Test(arguments: sizes)
    func overview(width: Int, height: Int) {
        let surface = Self.render(.overview, width, height)
        assertSnapshot(surface, named: "matrix-overview-\(width)x\(height)")
        let text = surface.text
        Self.checkCommonRules(text, width: width)
        #expect(text.contains("86 empty queues · e lists them"), "folded:\n\(text)")
        #expect(!text.contains("sentry.tasks.idle_"), "no empty queue row:\n\(text)")
        for q in ["events.save_event", "post_process_errors", "数据队列"] { #expect(text.contains(q), "\(q)") }
        let strip = surface.line(1)
        #expect(strip.contains("firing"), "\(strip)")
    }

    @Test(arguments: sizes)
    func issues(width: Int, height: Int) {
        let surface = Self.render(.issues, width, height)
        assertSnapshot(surface, named: "matrix-issues-\(width)x\(height)")
        let text = surface.text
        Self.checkCommonRules(text, width: width)
        for row in Self.issues() {
            let id = row.displayId
            // Whole, or abbreviated by the slug only: its head, "…", then the whole counter part.
            let number = String(id[id.lastIndex(of: "-")!...])
            let head = String(id.prefix(8))
            #expect(
                text.contains(" \(id) ") || (text.contains(" \(head)") && text.contains("…\(number) ")),
                "\(id) at \(width):\n\(text)")
            if id.count <= 20 { #expect(text.contains(" \(id) "), "\(id) fits whole at \(width)") }
        }
        for number in ["1.2M", "10M", "927k"] { #expect(text.contains(" \(number) "), "\(number) at \(width)") }
        #expect(text.contains(" 90d ") || width < 90, "ages compact: \(width)")
    }

    @Test(arguments: sizes)
    func workers(width: Int, height: Int) {
        let surface = Self.render(.workers, width, height)
        assertSnapshot(surface, named: "matrix-workers-\(width)x\(height)")
        Self.checkCommonRules(surface.text, width: width)
    }

    /// No "…" touching a digit (a cut number); no panel title line cut ("…" on a border line); every line fits.
    static func checkCommonRules(_ text: String, width: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            #expect(DisplayWidth.of(String(line)) <= width, "wider than \(width): \(line)")
            let chars = Array(line)
            for (i, c) in chars.enumerated() where c == "…" {
                let before = i > 0 ? chars[i - 1] : " "
                let after = i + 1 < chars.count ? chars[i + 1] : " "
                #expect(!(before.isNumber || (after.isNumber && before != "-")), "a cut number: \(line)")
            }
            if line.hasPrefix("┌") { #expect(!line.contains("…"), "a cut title line: \(line)") }
        }
    }
}
