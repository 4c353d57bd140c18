import Foundation
import TestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A throwaway Prometheus server (Debian's `prometheus`) on a free loopback port, configured from the shipped
/// `contrib/prometheus/prometheus.yml` with the target pointed at a test exporter and a 1 s scrape interval.
final class PrometheusServer {
    let port: Int
    let dir: URL
    let process: Subprocess
    /// Prometheus's own output, for failure messages.
    let log = CaptureFile()
    static let contrib = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("contrib/prometheus")

    init(scraping target: String) throws {
        port = try TestBed.freePort()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sc-prom-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = try String(contentsOf: Self.contrib.appendingPathComponent("prometheus.yml"), encoding: .utf8)
            .replacingOccurrences(of: "127.0.0.1:9188", with: target)
            .replacingOccurrences(of: "scrape_interval: 15s", with: "scrape_interval: 1s")
            .replacingOccurrences(of: "scrape_timeout: 10s", with: "scrape_timeout: 1s")
        try config.write(to: dir.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            at: Self.contrib.appendingPathComponent("sentry-console.rules.yml"),
            to: dir.appendingPathComponent("sentry-console.rules.yml"))
        process = try Subprocess.spawn(
            [
                "prometheus", "--config.file=\(dir.path)/prometheus.yml", "--storage.tsdb.path=\(dir.path)/data",
                "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
            ], stdout: log.fd, stderr: log.fd)
    }

    deinit {
        process.kill(SIGTERM)
        _ = process.wait()
        try? FileManager.default.removeItem(at: dir)
    }

    /// GET an API path; the decoded JSON's `data` (nil while the server is starting).
    func api(_ pathAndQuery: String) async -> [String: Any]? {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(pathAndQuery)"),
            let (data, _) = try? await URLSession.shared.data(from: url),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return json["data"] as? [String: Any]
    }

    /// The instant value of a PromQL query with one result, if any.
    func value(_ query: String) async -> Double? {
        let q = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        guard let result = (await api("/api/v1/query?query=\(q)"))?["result"] as? [[String: Any]],
            result.count == 1, let v = result[0]["value"] as? [Any], let s = v.last as? String
        else { return nil }
        return Double(s)
    }
}
