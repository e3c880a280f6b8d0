import Foundation
import SQLKit

/// The `api_tokens` table: tokens are found by the SHA-256 of what the client presents.
public enum APITokenDirectory {
    public static let createAction = "create_api_token"

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
}
