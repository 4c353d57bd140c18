import Foundation
import TestSupport
import Testing

/// Backlog attribution in a real terminal: a queue filled through Celery (generic app, private db 9, no
/// worker) with two projects' kwargs; Enter on it names the projects, Enter on one opens its issues.
@Suite(
    .enabled(if: E2E.enabled && ProcessInfo.processInfo.environment["TESTBED_PYTHON"] != nil, "needs scripts/testbed"),
    .serialized)
struct AttributionE2ETests {
    func produce(project: Int, count: Int) async throws {
        try await E2E.produce(db: 9, queue: "sc-e2e-attr", project: project, count: count)
    }

    @Test func enterOnAQueueNamesItsProjectsAndEnterOnAProjectShowsItsIssues() async throws {
        try E2E.redis(9, "FLUSHDB")
        defer { _ = try? E2E.redis(9, "FLUSHDB") }
        try await produce(project: 2, count: 30)
        try await produce(project: 3, count: 10)
        let t = try Tmux(
            width: 120, height: 30,
            argv: [
                E2E.binary, "--pg", E2E.pg, "--redis", "redis://127.0.0.1:\(E2E.redisPort)/9", "--key-prefix", "gx:",
                "--no-sentry-queues", "--queue", "sc-e2e-attr", "--interval", "1",
            ])
        var (ok, screen) = await t.waitFor(15) { $0.contains("sc-e2e-attr") && $0.contains("40") }
        #expect(ok, "the queue never showed:\n\(screen)")
        try t.send("Enter")
        (ok, screen) = await t.waitFor(15) { s in
            s.contains("Queue sc-e2e-attr")
                && s.split(separator: "\n").contains { $0.contains("web") && $0.contains("75 %") }
        }
        #expect(ok, "the detail never named the project:\n\(screen)")
        #expect(screen.contains("ios"), "\(screen)")
        try t.send("Enter")
        (ok, screen) = await t.waitFor(15) { $0.contains("is:unresolved project:web") && $0.contains("by events/min") }
        #expect(ok, "Enter on the project did not open its issues:\n\(screen)")
    }
}
