import Foundation
import TestSupport
import Testing

extension LiveServers {
    /// The exporter on the real bed: every series against ground truth read at the same moment, promtool's
    /// linter, concurrent scrapes and sources that are down or hung.
    @Suite(.enabled(if: CeleryBed.enabled, "needs scripts/testbed (TESTBED_*)"), .serialized)
    struct ExporterIntegrationTests {
        static let sentryQueues = ["events.save_event", "events.process_event", "post_process_errors"]

        @Test func sentryProfileSeriesEqualGroundTruth() async throws {
            try CeleryBed.freeze("sentry", true)
            defer { try? CeleryBed.freeze("sentry", false) }
            try await CeleryBed.produce("sentry", ["--count", "37", "--seconds", "0.01"])
            let exporter = try ExporterProcess(["--redis", "redis://127.0.0.1:\(TestBed.redisPort)/0"])
            let (status, type, text) = try await exporter.scrape(whenUp: ["postgres", "redis"])
            #expect(status == 200)
            #expect(type == "text/plain; version=0.0.4; charset=utf-8")
            let m = ExporterProcess.samples(text)
            // Redis: every exported queue's depth is Σ LLEN over its four lists, read now (the workers are frozen).
            let depths = m.filter { $0.key.hasPrefix("sentry_queue_depth{") }
            #expect(depths.count >= 80, "Sentry's default queues are polled: \(depths.count)")
            for (key, value) in depths {
                let queue = String(key.dropFirst(#"sentry_queue_depth{queue=""#.count).dropLast(2))
                #expect(Int(value) == (try CeleryBed.llenSum(db: 0, key: queue)), "\(queue)")
            }
            #expect(depths.values.reduce(0, +) > 0)
            #expect(Int(m["sentry_queue_unacked_messages"] ?? -1) == Int(try TestBed.redis(0, "HLEN", "unacked")))
            // Postgres: connections (the exporter's own backend excluded, psql's own too) and table counters,
            // each between the ground truth read just before and just after the scrape (other tests may open
            // connections or scan tables meanwhile); a moving target is retried twice.
            var mismatches: [String] = []
            for _ in 0..<3 {
                try await Task.sleep(nanoseconds: 1_100_000_000)  // past the share window: a fresh sample
                let before = try Self.postgresTruth()
                var scraped = ExporterProcess.samples(try await exporter.scrape(whenUp: ["postgres"]).2)
                scraped["postgresql_connections"] = scraped.filter { $0.key.hasPrefix("postgresql_connections{") }
                    .values.reduce(0, +)
                let after = try Self.postgresTruth()
                mismatches = before.keys.sorted().compactMap { key in
                    let (a, b) = (before[key] ?? -1, after[key] ?? -1)
                    guard let v = scraped[key], v >= min(a, b), v <= max(a, b) else {
                        return "\(key): \(String(describing: scraped[key])) not in \(a)…\(b)"
                    }
                    return nil
                }
                if mismatches.isEmpty { break }
            }
            #expect(mismatches.isEmpty, "\(mismatches)")
            #expect(m[#"sentry_console_source_up{source="postgres"}"#] == 1, "\(exporter.log)")
            #expect(m[#"sentry_console_source_up{source="redis"}"#] == 1, "\(exporter.log)")
            #expect(try Self.promtoolCheckMetrics(text) == "")
            try CeleryBed.freeze("sentry", false)
            try await CeleryBed.drain(db: 0, queues: Self.sentryQueues)
        }

        @Test func genericProfileWithAKeyPrefixAndOpenMetrics() async throws {
            let exporter = try ExporterProcess([
                "--redis", "redis://127.0.0.1:\(TestBed.redisPort)/12", "--key-prefix", "gx:", "--no-sentry-queues",
            ])
            try CeleryBed.freeze("generic", true)
            defer { try? CeleryBed.freeze("generic", false) }
            try await CeleryBed.produce("generic", ["--count", "12", "--seconds", "0.01"])
            let (_, _, text) = try await exporter.scrape(whenUp: ["postgres", "redis"])
            let m = ExporterProcess.samples(text)
            let depths = m.filter { $0.key.hasPrefix("sentry_queue_depth{") }
            #expect(!depths.isEmpty, "\(exporter.log)")
            for (key, value) in depths {
                let queue = String(key.dropFirst(#"sentry_queue_depth{queue=""#.count).dropLast(2))
                #expect(Int(value) == (try CeleryBed.llenSum(db: 12, key: "gx:" + queue)), "\(queue)")
            }
            #expect(try Self.promtoolCheckMetrics(text) == "")
            try await Task.sleep(nanoseconds: 1_100_000_000)
            let (status, type, om) = try await exporter.get(headers: [
                "Accept": "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3"
            ])
            #expect(status == 200 && type.hasPrefix("application/openmetrics-text"))
            #expect(om.hasSuffix("# EOF\n") && om.contains("# TYPE sentry_events_processed counter"))
            try CeleryBed.freeze("generic", false)
            try await CeleryBed.drain(db: 12, queues: ["gx:celery", "gx:reports", "gx:emails"])
        }

        @Test func concurrentScrapesShareOneSampleAndAllSucceed() async throws {
            let exporter = try ExporterProcess(["--redis", "redis://127.0.0.1:\(TestBed.redisPort)/0"])
            _ = try await exporter.scrape(whenUp: ["redis"])
            try await Task.sleep(nanoseconds: 1_100_000_000)  // past the share window: the next scrapes sample anew
            let before = try Self.consoleCommands()
            let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let r = try await exporter.get()
                        return (r.0, r.2)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // On failure: each scrape's status and whether Redis was up in it (the one failure seen: the full suite).
            let seen = bodies.map {
                "\($0.0) \($0.1.split(separator: "\n").filter { $0.hasPrefix("sentry_console_source_up") })"
            }
            #expect(bodies.allSatisfy { $0.0 == 200 && $0.1.contains("sentry_queue_depth{") }, "\(seen)")
            // One sample's pipeline, not eight: the broker sees at most two samples' worth of commands.
            let spent = try Self.consoleCommands() - before
            #expect(spent < 2 * 400, "\(spent) commands for 8 concurrent scrapes")
        }

        @Test func aDownAndAHungSourceAreReportedWithinTheDeadline() async throws {
            let hung = try SilentServer()
            let exporter = try ExporterProcess([
                "--redis", "redis://127.0.0.1:\(hung.port)/0", "--redis-timeout", "5000",
            ])
            let header = ["X-Prometheus-Scrape-Timeout-Seconds": "1.5"]
            _ = try await exporter.scrape(whenUp: ["postgres"], headers: header)
            let started = Date()
            let (status, _, text) = try await exporter.get(headers: header)
            let took = Date().timeIntervalSince(started)
            let m = ExporterProcess.samples(text)
            #expect(status == 200)
            #expect(took < 4.5, "the scrape ends at its deadline (1 s), not the 5 s Redis timeout: \(took) s")
            #expect(m[#"sentry_console_source_up{source="redis"}"#] == 0)
            #expect(!m.keys.contains { $0.hasPrefix("sentry_queue_depth") }, "unknown is absent, never 0")
            #expect(m[#"sentry_console_source_up{source="postgres"}"#] == 1)
            #expect(m.keys.contains { $0.hasPrefix("postgresql_connections{") })
            let down = try ExporterProcess(["--redis", "redis://127.0.0.1:\(try TestBed.freePort())/0"])
            let d = ExporterProcess.samples(try await down.get().2)
            #expect(d[#"sentry_console_source_up{source="redis"}"#] == 0)
            #expect(try await down.get("/-/healthy").0 == 200)
            #expect(try await down.get("/nope").0 == 404)
        }

        /// A real Prometheus scrapes the exporter (negotiating OpenMetrics, as 2.x does) and stores the queue
        /// depth the broker holds; its target is healthy and the shipped rules load.
        @Test func aRealPrometheusScrapesTheSameQueueDepth() async throws {
            try CeleryBed.freeze("sentry", true)
            defer { try? CeleryBed.freeze("sentry", false) }
            try await CeleryBed.produce("sentry", ["--count", "23", "--seconds", "0.01"])
            let exporter = try ExporterProcess(["--redis", "redis://127.0.0.1:\(TestBed.redisPort)/0"])
            let prometheus = try PrometheusServer(scraping: "127.0.0.1:\(exporter.port)")
            let truth = try CeleryBed.llenSum(db: 0, key: "events.save_event")
            #expect(truth > 0)
            let query = #"sentry_queue_depth{queue="events.save_event"}"#
            let stored = try await TestBed.eventually(30) { await prometheus.value(query) == Double(truth) }
            let held = await prometheus.value(query)
            #expect(stored, "Prometheus holds \(String(describing: held)), LLEN says \(truth)")
            let targets = (await prometheus.api("/api/v1/targets"))?["activeTargets"] as? [[String: Any]] ?? []
            #expect(targets.first?["health"] as? String == "up", "\(targets)")
            #expect(targets.first?["lastError"] as? String == "", "\(targets)")
            let postgresUp = try await TestBed.eventually(20) {
                await prometheus.value(#"sentry_console_source_up{source="postgres"}"#) == 1
            }
            #expect(postgresUp)
            let groups = (await prometheus.api("/api/v1/rules"))?["groups"] as? [[String: Any]] ?? []
            #expect((groups.first?["rules"] as? [Any])?.count == 18, "the shipped rules load")
            // Every query of the shipped Grafana dashboard runs; the seed's three panels (first) have data.
            for (i, expr) in try Self.dashboardQueries().enumerated() {
                let q =
                    expr.replacingOccurrences(of: "$job", with: ".*").replacingOccurrences(of: "$instance", with: ".*")
                    .addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let ok = try await TestBed.eventually(10) {
                    guard let data = await prometheus.api("/api/v1/query?query=\(q)") else { return false }
                    return i >= 4 || !((data["result"] as? [Any]) ?? []).isEmpty
                }
                #expect(ok, "dashboard query \(i): \(expr)")
            }
            try CeleryBed.freeze("sentry", false)
            try await CeleryBed.drain(db: 0, queues: Self.sentryQueues)
        }

        /// Ground truth for the Postgres series, keyed like the exporter's samples.
        static func postgresTruth() throws -> [String: Double] {
            var out: [String: Double] = [:]
            out["postgresql_connections"] =
                Double(
                    try TestBed.psql(
                        """
                        SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'
                        AND pid <> pg_backend_pid() AND application_name <> 'sentry-console'
                        """)) ?? -1
            out["postgresql_max_connections"] = Double(try TestBed.psql("SHOW max_connections")) ?? -1
            for row in try TestBed.psql(
                """
                SELECT relname, seq_scan, n_live_tup, n_tup_ins FROM pg_stat_user_tables
                WHERE relname IN ('nodestore_node', 'sentry_groupedmessage', 'sentry_activity')
                """
            ).split(separator: "\n") {
                let f = row.split(separator: "|").map(String.init)
                out[#"postgresql_table_seq_scans_total{table="\#(f[0])"}"#] = Double(f[1])
                out[#"postgresql_table_rows{table="\#(f[0])"}"#] = Double(f[2])
                if f[0] == "nodestore_node" { out["sentry_events_processed_total"] = Double(f[3]) }
            }
            return out
        }

        /// The PromQL of every target of `contrib/grafana/sentry-console.json`, panel order.
        static func dashboardQueries() throws -> [String] {
            let url = PrometheusServer.contrib.deletingLastPathComponent().appendingPathComponent(
                "grafana/sentry-console.json")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
            let panels = json?["panels"] as? [[String: Any]] ?? []
            return panels.flatMap { ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String } }
        }

        /// Commands processed by the broker for clients named sentry-console (CLIENT LIST's cmd counters are
        /// per connection, so use INFO's total minus the test's own calls: close enough for an upper bound).
        static func consoleCommands() throws -> Int {
            let info = try TestBed.redis(0, "INFO", "stats")
            let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("total_commands_processed:") }
            return Int(line?.split(separator: ":").last ?? "0") ?? 0
        }

        /// promtool's linter on a scrape: its complaints, or "" when clean.
        static func promtoolCheckMetrics(_ text: String) throws -> String {
            let r = try Subprocess.run(["promtool", "check", "metrics"], input: text)
            return (r.out + r.err).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
