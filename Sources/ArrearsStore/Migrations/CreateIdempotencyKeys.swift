import FluentKit
import SQLKit

/// The `Idempotency-Key`s of API requests that create or change something: one row per user and
/// key, holding a hash of the request and, once it succeeded, its answer, until `expires_at`
/// (`IdempotencyKeys`).
struct CreateIdempotencyKeys: AsyncMigration {
    let name = "ArrearsStore.CreateIdempotencyKeys"

    func prepare(on database: any Database) async throws {
        try await database.schema("idempotency_keys")
            .field("user_id", .string, .required)
            .field("idempotency_key", .string, .required)
            .field("request_hash", .string, .required)
            .field("state", .string, .required)
            .field("response_status", .int)
            .field("response_type", .string)
            .field("response_body", .string)
            .field("created_at", .string, .required)
            .field("expires_at", .string, .required)
            .compositeIdentifier(over: "user_id", "idempotency_key")
            .create()
        try await (database as! any SQLDatabase).create(index: "idempotency_keys_expires_at").on("idempotency_keys").column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("idempotency_keys").delete()
    }
}
