import Foundation
import Synchronization
import Testing

@testable import Exporter

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The HTTP server on a real loopback socket: routes, keep-alive, a stalled client that must not block others.
@Suite(.serialized) struct MetricsServerTests {
    /// Starts a server on an ephemeral port with `routes`, runs `body` with its port, then stops it.
    typealias Routes = @Sendable (HTTPRequestInfo) async -> HTTPReply
    static let ok: Routes = { _ in HTTPReply(status: 200, text: "ok\n") }

    func withServer(
        _ routes: @escaping Routes, idleTimeout: Int64 = 30, maxConnections: Int = 64,
        _ body: (Int) async throws -> Void
    ) async throws {
        var server = MetricsServer(host: "127.0.0.1", port: 0, routes: routes)
        server.idleTimeout = idleTimeout
        server.maxConnections = maxConnections
        let port = Mutex(0)
        let task = Task { try await server.run { p in port.withLock { $0 = p } } }
        for _ in 0..<200 where port.withLock({ $0 }) == 0 { try await Task.sleep(nanoseconds: 10_000_000) }
        try await body(port.withLock { $0 })
        task.cancel()
        _ = await task.result
    }

    func get(_ port: Int, _ path: String, method: String = "GET", headers: [String: String] = [:]) async throws -> (
        Int, String, String
    ) {
        var req = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        req.httpMethod = method
        req.timeoutInterval = 10
        for (k, v) in headers { req.setValue(v, forHTTPHeaderField: k) }
        let (data, resp) = try await URLSession.shared.data(for: req)
        let http = resp as! HTTPURLResponse
        return (
            http.statusCode, http.value(forHTTPHeaderField: "Content-Type") ?? "", String(decoding: data, as: UTF8.self)
        )
    }

    @Test func routesAnswerAndUnknownPathsAre404() async throws {
        let routes = ExporterRoutes(
            coordinator: ScrapeCoordinator(state: .init(), feeds: [], version: "9.9"), version: "9.9")
        let handler: Routes = { await routes.respond($0) }
        try await withServer(handler) { port in
            let (s1, ct1, body1) = try await get(port, "/metrics")
            #expect(s1 == 200)
            #expect(ct1 == "text/plain; version=0.0.4; charset=utf-8")
            #expect(body1.contains(#"sentry_console_build_info{version="9.9"} 1"#))
            let (s2, ct2, body2) = try await get(
                port, "/metrics?x=1", headers: ["Accept": "application/openmetrics-text;version=1.0.0"])
            #expect(s2 == 200)
            #expect(ct2.hasPrefix("application/openmetrics-text; version=1.0.0"))
            #expect(body2.hasSuffix("# EOF\n"))
            #expect(try await get(port, "/-/healthy").0 == 200)
            #expect(try await get(port, "/").2.contains(#"href="metrics""#))
            #expect(try await get(port, "/admin").0 == 404)
            #expect(try await get(port, "/metrics", method: "POST").0 == 405)
        }
    }

    @Test func aStalledClientDoesNotBlockAScrape() async throws {
        try await withServer(Self.ok) { port in
            // Half a request line, never finished.
            let stalled = try RawClient(port: port)
            stalled.send("GET /metr")
            // Were the server serving one connection at a time, this would wait for the stalled one (forever).
            let (status, _, body) = try await get(port, "/metrics")
            #expect(status == 200 && body == "ok\n")
            stalled.close()
        }
    }

    @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() async throws {
        try await withServer(Self.ok, idleTimeout: 1) { port in
            let c = try RawClient(port: port)
            c.send("GET /met")
            #expect(c.readUntilClosed(timeout: 15) != nil, "an idle connection must be closed (idle timeout 1 s)")
            c.close()
        }
    }

    @Test func aRequestBodyIsIgnoredAndKeepAliveServesASecondRequest() async throws {
        let echo: Routes = { r in HTTPReply(status: 200, text: r.path + "\n") }
        try await withServer(echo) { port in
            let c = try RawClient(port: port)
            c.send("GET /-/healthy HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
            c.send("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            // Generous: under a loaded test run the cooperative pool may be slow; a broken server never answers.
            let all = c.readUntilClosed(timeout: 20) ?? ""
            #expect(all.contains("/-/healthy\n"))
            #expect(all.contains("/metrics\n"))
            #expect(all.components(separatedBy: "HTTP/1.1 200").count == 3)
            c.close()
        }
    }

    /// swift-nio#2637 / swift-http-server#137: cancelling a server while accepted connections are still queued
    /// must close them, not trap ("Deinited NIOAsyncWriter without calling finish()").
    @Test func stoppingWithConnectionsJustAcceptedDoesNotCrash() async throws {
        for _ in 0..<5 {
            var clients: [RawClient] = []
            try await withServer(Self.ok) { port in
                for _ in 0..<64 { clients.append(try RawClient(port: port)) }
                for c in clients { c.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n") }
            }
            // Every connection ends: answered or closed by the stopped server, none left hanging.
            for c in clients { #expect(c.readUntilClosed(timeout: 10) != nil) }
            for c in clients { c.close() }
        }
    }

    @Test func connectionsOverTheLimitAreClosedAndAFreedSlotIsReused() async throws {
        try await withServer(Self.ok, maxConnections: 2) { port in
            let held = [try RawClient(port: port), try RawClient(port: port)]
            for c in held { c.send("GET /met") }
            try await Task.sleep(nanoseconds: 200_000_000)
            let third = try RawClient(port: port)
            #expect(
                third.readUntilClosed(timeout: 10) == "", "a third connection over a limit of 2 is closed unanswered")
            third.close()
            held[0].close()
            // The slot frees once the server has seen the close (under a loaded run, not at once).
            var answer: String?
            for _ in 0..<50 where answer?.hasPrefix("HTTP/1.1 200") != true {
                try await Task.sleep(nanoseconds: 200_000_000)
                let fourth = try RawClient(port: port)
                fourth.send("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                answer = fourth.readUntilClosed(timeout: 10)
                fourth.close()
            }
            #expect(answer?.hasPrefix("HTTP/1.1 200") == true, "a closed connection's slot is reused")
            held[1].close()
        }
    }
}
