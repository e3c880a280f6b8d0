import FluentKit
import SQLKit

/// Signed-in browser sessions, kept in the database so that they survive a restart and work
/// across several server processes (DESIGN.md, "Scale-out"). The key is the SHA-256 of the
/// cookie's session id, so a copied table cannot be replayed as cookies.
struct CreateSessions: AsyncMigration {
    let name = "ArrearsStore.CreateSessions"

    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .field("id", .string, .identifier(auto: false))
            .field("data", .string, .required)
            .field("expires_at", .string, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "sessions_expires_at").on("sessions").column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}
