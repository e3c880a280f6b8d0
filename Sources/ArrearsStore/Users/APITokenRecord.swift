/// A bearer token of the JSON API as stored: everything but the token, of which only the
/// SHA-256 is kept.
public struct APITokenRecord: Sendable, Equatable {
    public let id: String
    public let userId: String
    public let label: String
    /// ISO 8601 UTC.
    public let createdAt: String
    /// ISO 8601 UTC; the token is refused from this moment.
    public let expiresAt: String

    public init(id: String, userId: String, label: String, createdAt: String, expiresAt: String) {
        self.id = id
        self.userId = userId
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
