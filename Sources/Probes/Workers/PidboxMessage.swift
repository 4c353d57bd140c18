import Foundation

/// The kombu pidbox wire format (docs/reference/celery-redis-wire.md §7): the broadcast request envelope exactly as kombu
/// writes it (full envelope, valid base64, UUID delivery tag — a malformed one can kill every worker), and
/// the reply decoder. Only read-only inspect methods can be built.
enum PidboxMessage {
    /// The only methods this console ever sends: read-only inspection.
    enum Method: String, CaseIterable, Sendable {
        case ping, stats
        case activeQueues = "active_queues"
    }

    enum Serializer: String, Sendable {
        case json, pickle
    }

    static let replyExchange = "reply.celery.pidbox"

    /// The request body before base64, as kombu's `Mailbox._broadcast` builds it.
    static func body(_ method: Method, ticket: String, oid: String, serializer: Serializer) -> [UInt8] {
        switch serializer {
        case .json:
            return Array(
                ("{\"method\": \(quote(method.rawValue)), \"arguments\": {}, \"destination\": null, \"pattern\": null, "
                    + "\"matcher\": null, \"ticket\": \(quote(ticket)), \"reply_to\": {\"exchange\": \(quote(replyExchange)), "
                    + "\"routing_key\": \(quote(oid))}}").utf8)
        case .pickle:
            return PickleCodec.write(
                .dict([
                    "method": .string(method.rawValue), "arguments": .dict([:]), "destination": .none, "pattern": .none,
                    "matcher": .none, "ticket": .string(ticket),
                    "reply_to": .dict(["exchange": .string(replyExchange), "routing_key": .string(oid)]),
                ]))
        }
    }

    /// The whole envelope published on `/{db}.celery.pidbox`.
    static func envelope(
        _ method: Method, ticket: String, oid: String, serializer: Serializer, deliveryTag: String, expires: Double
    ) -> [UInt8] {
        let b64 = Data(body(method, ticket: ticket, oid: oid, serializer: serializer)).base64EncodedString()
        let (type, encoding) =
            serializer == .json
            ? ("application/json", "utf-8") : ("application/x-python-serialize", "binary")
        let text =
            "{\"body\": \(quote(b64)), \"content-encoding\": \(quote(encoding)), \"content-type\": \(quote(type)), "
            + "\"headers\": {\"clock\": 0, \"expires\": \(String(format: "%.6f", expires))}, "
            + "\"properties\": {\"delivery_mode\": 2, \"delivery_info\": {\"exchange\": \"celery.pidbox\", \"routing_key\": \"\"}, "
            + "\"priority\": 0, \"body_encoding\": \"base64\", \"delivery_tag\": \(quote(deliveryTag))}}"
        return Array(text.utf8)
    }

    /// The binding member that routes replies for `oid` to its reply list: `oid SEP "" SEP oid.reply.celery.pidbox`.
    static func bindingMember(oid: String) -> String {
        oid + QueueProbe.separator + QueueProbe.separator + replyQueue(oid: oid)
    }

    static func replyQueue(oid: String) -> String { oid + "." + replyExchange }

    /// A decoded reply: its ticket and `{nodename: result}`.
    struct Reply: Equatable {
        var ticket: String
        var results: [String: PlainValue]
    }

    /// Decodes one element of the reply list; throws a short reason for anything unexpected.
    static func decodeReply(_ raw: [UInt8]) throws(PickleCodec.Refused) -> Reply {
        guard let env = PlainValue.parse(json: raw), env.dict != nil else {
            throw .init(reason: "reply envelope is not JSON")
        }
        guard let ticket = env["headers"]?["ticket"]?.string else { throw .init(reason: "reply without a ticket") }
        guard let bodyText = env["body"]?.string else { throw .init(reason: "reply without a body") }
        let encoded = env["properties"]?["body_encoding"]?.string == "base64"
        guard let body = encoded ? Data(base64Encoded: bodyText).map(Array.init) : Array(bodyText.utf8) else {
            throw .init(reason: "reply body is not valid base64")
        }
        let value: PlainValue
        switch env["content-type"]?.string ?? "" {
        case "application/json":
            guard let v = PlainValue.parse(json: body) else { throw .init(reason: "reply body is not JSON") }
            value = v
        case "application/x-python-serialize":
            value = try PickleCodec.read(body)
        case let other:
            throw .init(reason: "reply in \(other.isEmpty ? "no" : other) format")
        }
        guard let results = value.dict else { throw .init(reason: "reply is not {node: result}") }
        return Reply(ticket: ticket, results: results)
    }

    /// A JSON string literal (our values are UUIDs and method names; escaping is still complete).
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
