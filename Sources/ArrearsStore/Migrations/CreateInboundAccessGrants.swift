import FluentKit
import SQLKit

/// Inbound-call access (issue 22): a collector who is called by a customer outside their queue
/// may open that customer for a short time after giving a reason. One row per grant; the reason
/// is also in the audit log. Times are ISO 8601 UTC text, so `expires_at > now` compares as text.
struct CreateInboundAccessGrants: AsyncMigration {
    let name = "ArrearsStore.CreateInboundAccessGrants"

    func prepare(on database: any Database) async throws {
        try await database.schema("inbound_access_grants")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .string, .required)
            .field("customer_id", .string, .required)
            .field("reason", .string, .required)
            .field("granted_at", .string, .required)
            .field("expires_at", .string, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "inbound_access_grants_customer_user")
            .on("inbound_access_grants").column("customer_id").column("user_id").column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("inbound_access_grants").delete()
    }
}
