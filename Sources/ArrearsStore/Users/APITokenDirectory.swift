import Foundation
import SQLKit

/// The `api_tokens` table: tokens are found by the SHA-256 of what the client presents.
public enum APITokenDirectory {
    public static let createAction = "create_api_token"
    public static let revokeAction = "revoke_api_token"

    /// A stored token with the username of its owner, as listed: never the token or its hash.
    public struct Listed: Sendable, Equatable {
        public let record: APITokenRecord
        public let username: String
    }

    /// Stores `record` under `tokenHash` with its audit entry (`create_api_token` by `actor`,
    /// naming the token's id, owner, label and expiry, never the token) in one transaction.
    public static func add(_ record: APITokenRecord, tokenHash: String, owner: String, actor: String, on store: Store) async throws {
        try await store.transaction { database in
            try await database.raw("""
                INSERT INTO api_tokens (id, user_id, label, token_hash, created_at, expires_at)
                VALUES (\(bind: record.id), \(bind: record.userId), \(bind: record.label), \(bind: tokenHash),
                        \(bind: record.createdAt), \(bind: record.expiresAt))
                """).run()
            try await AuditLog.append([AuditEvent(actor: actor, action: createAction, subject: "user:" + owner, details: [
                "token_id": record.id, "username": owner, "label": record.label, "expires_at": record.expiresAt,
            ])], on: database)
        }
    }

    /// The active user whose unexpired token hashes to `tokenHash`.
    public static func user(tokenHash: String, at now: Date, on database: any SQLDatabase) async throws -> User? {
        try await database.raw("""
            SELECT \(unsafeRaw: User.columns) FROM api_tokens JOIN users ON users.id = api_tokens.user_id
            WHERE api_tokens.token_hash = \(bind: tokenHash) AND api_tokens.expires_at > \(bind: OutboxTimestamp.text(now))
              AND users.active = \(bind: true)
            """).first().map(User.init)
    }

    /// The tokens of `userId` (every user's when nil), expired ones included, oldest first.
    public static func list(userId: String?, on database: any SQLDatabase) async throws -> [Listed] {
        try await list(userId: userId, tokenId: nil, on: database)
    }

    private static func list(userId: String?, tokenId: String?, on database: any SQLDatabase) async throws -> [Listed] {
        var query: SQLQueryString = """
            SELECT t.id, t.user_id, t.label, t.created_at, t.expires_at, u.username
            FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE 1 = 1
            """
        if let userId {
            query.appendLiteral(" AND t.user_id = ")
            query.appendInterpolation(bind: userId)
        }
        if let tokenId {
            query.appendLiteral(" AND t.id = ")
            query.appendInterpolation(bind: tokenId)
        }
        query.appendLiteral(" ORDER BY t.created_at, t.id")
        return try await database.raw(query).all().map { row in
            Listed(record: APITokenRecord(id: try row.decode(column: "id", as: String.self), userId: try row.decode(column: "user_id", as: String.self),
                                          label: try row.decode(column: "label", as: String.self),
                                          createdAt: try row.decode(column: "created_at", as: String.self),
                                          expiresAt: try row.decode(column: "expires_at", as: String.self)),
                   username: try row.decode(column: "username", as: String.self))
        }
    }

    /// Revokes token `id` (only when it is `userId`'s, unless nil): the row is deleted, so the
    /// very next request with it is refused; audited `revoke_api_token` by `actor` in the same
    /// transaction. Returns what was revoked, nil when there is no such token (of that user).
    @discardableResult
    public static func revoke(id: String, ofUser userId: String?, actor: String, on store: Store) async throws -> Listed? {
        try await store.transaction { database -> Listed? in
            guard let token = try await list(userId: userId, tokenId: id, on: database).first else { return nil }
            try await database.raw("DELETE FROM api_tokens WHERE id = \(bind: id)").run()
            try await AuditLog.append([AuditEvent(actor: actor, action: revokeAction, subject: "user:" + token.username, details: [
                "token_id": id, "username": token.username, "label": token.record.label,
            ])], on: database)
            return token
        }
    }
}
