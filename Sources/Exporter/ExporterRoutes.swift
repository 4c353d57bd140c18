import Foundation

/// The exporter's HTTP surface: `GET /metrics` (0.0.4 or OpenMetrics by `Accept`, deadline from
/// `X-Prometheus-Scrape-Timeout-Seconds` minus 0.5 s, default 9.5 s), a landing page on `/`, `/-/healthy`;
/// 405 for another method on those paths, 404 for anything else. Request bodies are never read.
public struct ExporterRoutes: Sendable {
    public var coordinator: ScrapeCoordinator
    public var version: String
    /// The scrape deadline when Prometheus does not send one, and the offset subtracted from the one it sends.
    public static let defaultDeadline = 9.5
    public static let deadlineOffset = 0.5

    public init(coordinator: ScrapeCoordinator, version: String) {
        self.coordinator = coordinator
        self.version = version
    }

    public func respond(_ r: HTTPRequestInfo) async -> HTTPReply {
        let known = ["/", "/metrics", "/-/healthy"]
        guard known.contains(r.path) else { return HTTPReply(status: 404, text: "not found\n") }
        guard r.method == "GET" || r.method == "HEAD" else {
            var reply = HTTPReply(status: 405, text: "method not allowed\n")
            reply.extraHeaders = [("Allow", "GET, HEAD")]
            return reply
        }
        switch r.path {
        case "/metrics":
            let format = Exposition.Format.negotiate(accept: r.headers["accept"])
            let families = await coordinator.scrape(
                deadline: Self.deadline(r.headers["x-prometheus-scrape-timeout-seconds"]))
            return HTTPReply(
                status: 200, contentType: format.contentType, body: Exposition.render(families, as: format))
        case "/-/healthy":
            return HTTPReply(status: 200, text: "OK\n")
        default:
            return HTTPReply(status: 200, contentType: "text/html; charset=utf-8", body: Array(landing.utf8))
        }
    }

    /// The collection deadline for a scrape-timeout header value: value − 0.5 s, within 0.2…120 s.
    public static func deadline(_ header: String?) -> Double {
        guard let header, let t = Double(header.trimmingCharacters(in: .whitespaces)), t.isFinite else {
            return defaultDeadline
        }
        return min(120, max(0.2, t - deadlineOffset))
    }

    var landing: String {
        """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>sentry-console exporter</title></head>
        <body><h1>sentry-console exporter</h1>
        <p>Version \(version). Celery queues, workers and Postgres of a self-hosted Sentry, read directly from its
        Redis and Postgres.</p>
        <ul><li><a href="metrics">metrics</a></li><li><a href="-/healthy">health</a></li></ul>
        </body></html>

        """
    }
}
