/// A failure of a data source, as a value: what kind, and a message that is safe to show (sanitized,
/// never containing a password).
public struct ProbeError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case connect, timeout, server, `protocol`, io, config
    }

    public var kind: Kind
    public var message: String
    /// Postgres SQLSTATE when the server reported one.
    public var sqlState: String?

    public init(_ kind: Kind, _ message: String, sqlState: String? = nil) {
        self.kind = kind
        self.message = TextSanitizer.clean(message, maxLength: 300).trimmingSpaces()
        self.sqlState = sqlState
    }

    public var description: String { "\(kind.rawValue): \(message)" }

    /// True when the server could not be reached or did not answer (refused, timed out, reset), as opposed to a
    /// server that answered with a refusal (authentication, a missing database, an error): only the former is
    /// worth retrying every couple of seconds, since the server's return is what the engineer is waiting for.
    public var isUnreachable: Bool {
        switch kind {
        case .timeout, .io: return true
        case .server, .protocol, .config: return false
        case .connect:
            if message.contains("FATAL") || message.contains("NOAUTH") || message.contains("WRONGPASS") { return false }
            let m = message.lowercased()
            return Self.unreachableWords.contains { m.contains($0) }
        }
    }

    private static let unreachableWords = [
        "refused", "timeout", "timed out", "no route", "unreachable", "reset", "closed the connection", "broken pipe",
        "no answer", "could not connect", "server closed", "connection to server",
    ]
}

extension String {
    /// The string without leading and trailing spaces.
    public func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
