import FluentKit
import SQLKit

/// Messages waiting for, or done with, delivery to an SMS or e-mail platform. The id is the
/// idempotency key sent with every attempt, so that a receiver can drop a repeat.
struct CreateOutboxMessages: AsyncMigration {
    let name = "ArrearsStore.CreateOutboxMessages"

    func prepare(on database: any Database) async throws {
        try await database.schema("outbox_messages")
            .field("id", .string, .identifier(auto: false))
            .field("action_id", .string, .required)
            .field("customer_id", .string, .required)
            .field("channel", .string, .required)
            .field("recipient", .string, .required)
            .field("language", .string, .required)
            .field("subject", .string)
            .field("body", .string, .required)
            .field("business_date", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .string)
            .field("last_error", .string)
            .field("sent_at", .string)
            .field("delivered_at", .string)
            .create()
        try await (database as! any SQLDatabase).create(index: "outbox_messages_status_next").on("outbox_messages")
            .column("status").column("next_attempt_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outbox_messages").delete()
    }
}
