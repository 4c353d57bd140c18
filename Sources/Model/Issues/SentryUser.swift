/// A Sentry account (`auth_user`): the acting user of write mode or an assignee. Strings sanitized.
public struct SentryUser: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var email: String

    public init(id: Int64, name: String, email: String) {
        self.id = id
        self.name = name
        self.email = email
    }

    public var label: String { name.isEmpty ? email : "\(name) <\(email)>" }
}
