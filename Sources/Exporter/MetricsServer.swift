import NIOCore
import NIOHTTP1
import NIOPosix

/// HTTP/1.1 on swift-nio: one task per connection (keep-alive honoured), so a slow or stuck client holds
/// only its own connection. Invariants: at most `maxConnections` connections are served at once (more are
/// closed on accept); a connection idle for `idleTimeout` seconds is closed; request bodies are discarded
/// unread; every request gets one complete response with Content-Length.
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

    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    /// Binds and serves until the task is cancelled; `bound` is called with the actual port once listening.
    public func run(bound: @Sendable (Int) -> Void = { _ in }) async throws {
        let idle = idleTimeout
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandlers(
                        [IdleStateHandler(readTimeout: .seconds(idle)), CloseOnIdle()], position: .first)
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        bound(server.channel.localAddress?.port ?? port)
        let active = ConnectionCount()
        let limit = maxConnections
        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { inbound in
                for try await connection in inbound {
                    guard active.enter(limit: limit) else {
                        try? await connection.channel.close()
                        continue
                    }
                    group.addTask {
                        defer { active.leave() }
                        await serve(connection)
                    }
                }
            }
        }
    }

    private func serve(_ connection: Connection) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            for try await part in inbound {
                switch part {
                case .head(let h): head = h
                case .body: continue
                case .end:
                    guard let h = head else { continue }
                    head = nil
                    let keepAlive = h.isKeepAlive
                    let reply = await routes(Self.info(h))
                    try await write(reply, for: h, keepAlive: keepAlive, to: outbound)
                    if !keepAlive { return }
                }
            }
        }
    }

    private func write(
        _ reply: HTTPReply, for request: HTTPRequestHead, keepAlive: Bool,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: reply.contentType)
        headers.add(name: "Content-Length", value: String(reply.body.count))
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        for (k, v) in reply.extraHeaders { headers.add(name: k, value: v) }
        let head = HTTPResponseHead(
            version: request.version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
        try await outbound.write(.head(head))
        if request.method != .HEAD {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: reply.body))))
        }
        try await outbound.write(.end(nil))
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
