import FluentKit
import SQLKit

/// Bearer tokens for the JSON API. Only the SHA-256 of a token is stored: a copied database
/// holds nothing that can be presented to the server.
struct CreateAPITokens: AsyncMigration {
    let name = "ArrearsStore.CreateAPITokens"

    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .string, .required)
            .field("label", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .string, .required)
            .field("expires_at", .string, .required)
            .unique(on: "token_hash")
            .create()
        try await (database as! any SQLDatabase).create(index: "api_tokens_user_id").on("api_tokens").column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").delete()
    }
}
