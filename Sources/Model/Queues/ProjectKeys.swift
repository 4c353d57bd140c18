/// A project's client keys (DSNs) with their rate limits, read-only from `sentry_projectkey`, and the slugs the
/// rate-limit URL needs. The secret key is never read.
public struct ProjectKeys: Sendable, Equatable {
    public struct Key: Sendable, Equatable {
        public var label: String
        /// The DSN's public key (not a secret: it is in every client's DSN).
        public var publicKey: String
        public var active: Bool
        public var rateLimitCount: Int?
        public var rateLimitWindow: Int?

        public init(label: String, publicKey: String, active: Bool, rateLimitCount: Int?, rateLimitWindow: Int?) {
            self.label = label
            self.publicKey = publicKey
            self.active = active
            self.rateLimitCount = rateLimitCount
            self.rateLimitWindow = rateLimitWindow
        }

        /// "limit 1,000 / 1m" or "no rate limit".
        public var limitText: String {
            guard let c = rateLimitCount, let w = rateLimitWindow, w > 0 else { return "no rate limit" }
            return "limit \(Format.count(c)) / \(Format.duration(Double(w)))"
        }
    }

    public var projectId: Int64
    public var organizationSlug: String
    public var projectSlug: String
    public var keys: [Key]

    public init(projectId: Int64, organizationSlug: String, projectSlug: String, keys: [Key]) {
        self.projectId = projectId
        self.organizationSlug = organizationSlug
        self.projectSlug = projectSlug
        self.keys = keys
    }
}
