import Foundation
import TestSupport
import Testing

@testable import Exporter
@testable import Model

/// The shipped Prometheus rules are the console's rules: generated from the same thresholds, covering every
/// built-in rule (or saying why not), and passing promtool's own checks and unit tests.
@Suite struct PrometheusRulesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let rulesFile = root.appendingPathComponent("contrib/prometheus/sentry-console.rules.yml")
    static var promtool: String? {
        ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
    static var promtoolRequired: Bool { ProcessInfo.processInfo.environment["SENTRY_CONSOLE_REQUIRE_SERVERS"] == "1" }

    @Test func theShippedFileIsTheGeneratorsOutputForTheDefaults() throws {
        let shipped = try String(contentsOf: Self.rulesFile, encoding: .utf8)
        let generated = PrometheusRules.yaml(PrometheusRules.rules(AlertThresholds()))
        #expect(
            shipped == generated,
            "regenerate: XDG_CONFIG_HOME=/nonexistent sentry-console exporter --print-rules > contrib/prometheus/sentry-console.rules.yml"
        )
    }

    @Test func everyConsoleRuleHasAPrometheusRuleOrAReason() {
        let console = AlertRules.postgresRules.union(AlertRules.redisRules).union(AlertRules.workerRules)
        let covered = Set(PrometheusRules.rules(AlertThresholds()).map(\.rule))
        for id in console.sorted() {
            #expect(
                covered.contains(id) != (PrometheusRules.notExpressible[id] != nil),
                "\(id): either a Prometheus rule or a reason, not both or neither")
        }
        #expect(covered.subtracting(console) == ["source.down"])
    }

    @Test func thresholdsAndForDurationsComeFromTheConsolesSettings() {
        var t = AlertThresholds()
        t.seqScansPerMinute = 3
        t.largeTableRows = 250_000
        t.backlogGrowingFor = 420
        t.connectionsCritPercent = 90
        let rules = PrometheusRules.rules(t)
        let scans = rules.first { $0.rule == "db.seq_scans" }
        #expect(scans?.expr.contains("* 60 >= 3 and postgresql_table_rows >= 250000") == true)
        #expect(rules.first { $0.rule == "queue.backlog_growing" }?.forText == "7m")
        #expect(rules.first { $0.alert == "PostgresConnectionsCritical" }?.expr.hasSuffix(">= 90") == true)
        #expect(rules.first { $0.rule == "queue.stalled" }?.forSeconds == AlertThresholds().stalledFor)
    }

    @Test func quotingSurvivesQuotesAndBackslashes() {
        #expect(PrometheusRules.quote(#"a "b" \c"#) == #""a \"b\" \\c""#)
    }

    @Test(.enabled(if: promtool != nil || promtoolRequired, "needs promtool (Debian package prometheus)"))
    func promtoolChecksAndUnitTestsPass() throws {
        let tool = try #require(Self.promtool, "promtool is missing")
        for args in [
            ["check", "rules", Self.rulesFile.path],
            [
                "test", "rules",
                Self.root.appendingPathComponent("contrib/prometheus/tests/sentry-console.rules.test.yml").path,
            ],
        ] {
            // TestSupport's spawn, not Foundation's Process and a Pipe: a child another test starts meanwhile
            // would inherit the pipe's write end and keep the read from ever seeing EOF (a CI run hung here).
            let r = try Subprocess.run([tool] + args)
            let text = r.out + r.err
            #expect(r.status == 0, "promtool \(args.joined(separator: " ")): \(text)")
        }
    }
}
