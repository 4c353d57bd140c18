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
