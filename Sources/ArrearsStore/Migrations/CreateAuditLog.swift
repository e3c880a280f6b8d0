import FluentKit
import SQLKit

/// The append-only, hash-chained audit log. The sequence is the primary key, so two writers can
/// never fork the chain: the second to commit a sequence number fails and its change rolls back.
struct CreateAuditLog: AsyncMigration {
    let name = "ArrearsStore.CreateAuditLog"

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_log")
            .field("sequence", .int64, .identifier(auto: false))
            .field("at", .string, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("subject", .string, .required)
            .field("details", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "audit_log_at").on("audit_log").column("at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_log").delete()
    }
}
