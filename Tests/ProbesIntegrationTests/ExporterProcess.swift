import Foundation
import TestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A running `sentry-console exporter` on an ephemeral loopback port (read from its "serving" line), and
/// scrapes of it. Immutable after init, so shared by concurrent scrapes.
final class ExporterProcess: @unchecked Sendable {
    let process: Subprocess
    let port: Int
    private let err = CaptureFile()

    init(_ args: [String]) throws {
        process = try Subprocess.spawn(
            [CeleryBed.binary, "exporter", "--listen", "127.0.0.1:0", "--pg", TestBed.pg] + args, stderr: err.fd)
        var found = 0
        for _ in 0..<100 {
            if let line = err.read().split(separator: "\n").first(where: { $0.contains("serving http://") }),
                let p = line.split(separator: ":").last.flatMap({ Int($0.split(separator: "/").first ?? "") })
            {
                found = p
                break
            }
            usleep(50_000)
        }
        port = found
        if port == 0 {
            process.kill()
            throw TestBedError.failed("exporter did not start: \(err.read())")
        }
    }

    deinit {
        process.kill(SIGTERM)
        _ = process.wait()
    }

    /// GET a path; returns status, content type and body.
    func get(_ path: String = "/metrics", headers: [String: String] = [:]) async throws -> (Int, String, String) {
        var req = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        req.timeoutInterval = 30
        for (k, v) in headers { req.setValue(v, forHTTPHeaderField: k) }
        let (data, resp) = try await URLSession.shared.data(for: req)
        let http = resp as! HTTPURLResponse
        return (
            http.statusCode, http.value(forHTTPHeaderField: "Content-Type") ?? "", String(decoding: data, as: UTF8.self)
        )
    }

    /// Scrapes until every source in `sources` is up (a source may be slow to connect on a loaded machine),
    /// at most `seconds`; returns the last scrape's body.
    func scrape(whenUp sources: [String], seconds: Double = 20, headers: [String: String] = [:]) async throws -> (
        Int, String, String
    ) {
        let end = Date().addingTimeInterval(seconds)
        var last = try await get(headers: headers)
        while Date() < end {
            let m = Self.samples(last.2)
            if sources.allSatisfy({ m[#"sentry_console_source_up{source="\#($0)"}"#] == 1 }) { return last }
            try await Task.sleep(nanoseconds: 1_100_000_000)
            last = try await get(headers: headers)
        }
        return last
    }

    /// What the exporter printed on stderr (for failure messages).
    var log: String { err.read() }

    /// The samples of a scrape as `name{labels}` → value (labels as written by the exporter).
    static func samples(_ text: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let v = Double(line[line.index(after: space)...]) else {
                continue
            }
            out[String(line[..<space])] = v
        }
        return out
    }
}
