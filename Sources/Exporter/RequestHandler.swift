import NIOCore
import NIOHTTP1

/// One connection's requests: at `.end` the route runs in a task and its reply is written through the channel
/// (thread-safe, so nothing loop-bound crosses into the task). Invariant: one response per request, ending with
/// `.end`; a request without keep-alive closes the connection after its response is flushed.
final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let routes: @Sendable (HTTPRequestInfo) async -> HTTPReply
    private var head: HTTPRequestHead?

    init(routes: @escaping @Sendable (HTTPRequestInfo) async -> HTTPReply) {
        self.routes = routes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): head = h
        case .body: return
        case .end:
            guard let request = head else { return }
            head = nil
            Self.answer(request, routes: routes, on: context.channel)
        }
    }

    /// Runs the route off the event loop and writes its reply.
    static func answer(
        _ request: HTTPRequestHead, routes: @escaping @Sendable (HTTPRequestInfo) async -> HTTPReply,
        on channel: any Channel
    ) {
        let info = MetricsServer.info(request)
        Task {
            let reply = await routes(info)
            write(reply, for: request, to: channel)
        }
    }

    static func write(_ reply: HTTPReply, for request: HTTPRequestHead, to channel: any Channel) {
        let keepAlive = request.isKeepAlive
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: reply.contentType)
        headers.add(name: "Content-Length", value: String(reply.body.count))
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        for (k, v) in reply.extraHeaders { headers.add(name: k, value: v) }
        let head = HTTPResponseHead(
            version: request.version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
        channel.write(HTTPServerResponsePart.head(head), promise: nil)
        if request.method != .HEAD {
            channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: reply.body))), promise: nil)
        }
        let done = channel.writeAndFlush(HTTPServerResponsePart.end(nil))
        if !keepAlive { done.whenComplete { _ in channel.close(promise: nil) } }
    }
}
