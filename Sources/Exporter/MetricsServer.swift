import NIOCore
import NIOHTTP1
import NIOPosix

/// HTTP/1.1 on swift-nio with channel handlers (no `NIOAsyncChannel`: cancelling a server whose accepted
/// connections are still queued in an async stream traps, swift-nio#2637). Invariants: at most `maxConnections`
/// connections are open at once (more are closed on accept); a connection idle for `idleTimeout` seconds is
/// closed; request bodies are discarded unread; every request gets one complete response with Content-Length,
/// in request order (NIO's pipelining handler holds the next request until the response ends); cancelling
/// `run` closes the listener and every open connection, then returns.
public struct MetricsServer: Sendable {
    public var host: String
    public var port: Int
    public var maxConnections = 64
    public var idleTimeout: Int64 = 30
    public let routes: @Sendable (HTTPRequestInfo) async -> HTTPReply

    public init(host: String, port: Int, routes: @escaping @Sendable (HTTPRequestInfo) async -> HTTPReply) {
        self.host = host
        self.port = port
        self.routes = routes
    }

    /// Binds and serves until the task is cancelled; `bound` is called with the actual port once listening.
    public func run(bound: @Sendable (Int) -> Void = { _ in }) async throws {
        let idle = idleTimeout
        let routes = self.routes
        let open = OpenConnections(limit: maxConnections)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { channel in
                guard open.admit(channel) else { return channel.close() }
                channel.closeFuture.whenComplete { _ in open.remove(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandlers(
                        [IdleStateHandler(readTimeout: .seconds(idle)), CloseOnIdle()], position: .first)
                    try channel.pipeline.syncOperations.addHandler(RequestHandler(routes: routes))
                }
            }
            .bind(host: host, port: port).get()
        bound(server.localAddress?.port ?? port)
        await withTaskCancellationHandler {
            try? await server.closeFuture.get()
        } onCancel: {
            server.close(promise: nil)
        }
        for channel in open.closeAll() { try? await channel.closeFuture.get() }
    }

    static func info(_ h: HTTPRequestHead) -> HTTPRequestInfo {
        let path = h.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        var headers: [String: String] = [:]
        for (name, value) in h.headers { headers[name.lowercased()] = value }
        return HTTPRequestInfo(method: h.method.rawValue, path: path ?? h.uri, headers: headers)
    }
}

/// Closes a connection when `IdleStateHandler` reports it idle.
final class CloseOnIdle: ChannelInboundHandler, Sendable {
    typealias InboundIn = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
