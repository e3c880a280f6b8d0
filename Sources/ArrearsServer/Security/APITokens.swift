import ArrearsCore
import ArrearsStore
import Vapor

/// Bearer tokens of the JSON API: `arr_` and 32 random bytes in base64url, shown once when
/// issued; the database keeps only their SHA-256.
public enum APITokens {
    public static let defaultLifetimeDays = 90

    public struct Issued: Sendable {
        /// The token to send as `Authorization: Bearer TOKEN`; it cannot be shown again.
        public let token: String
        public let record: APITokenRecord
    }

    /// Issues a token for `user` valid for `days` days, audited as `create_api_token` by `actor`.
    public static func issue(for user: User, label: String, days: Int = defaultLifetimeDays, actor: String, now: Date = Date(),
                             on store: Store) async throws -> Issued {
        let token = "arr_" + RandomToken.make()
        let formatter = ISO8601DateFormatter()
        let record = APITokenRecord(id: UUID().uuidString.lowercased(), userId: user.id, label: label,
                                    createdAt: formatter.string(from: now),
                                    expiresAt: formatter.string(from: now.addingTimeInterval(TimeInterval(days) * 86_400)))
        try await APITokenDirectory.add(record, tokenHash: hash(token), owner: user.username, actor: actor, on: store)
        return Issued(token: token, record: record)
    }

    /// The SHA-256 (hex) under which a token is stored and looked up.
    static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }
}
