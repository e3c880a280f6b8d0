import FluentKit
import SQLKit

/// Promises to pay: an amount by a date, settled by the daily run after the date as kept,
/// partly kept or broken from the payments made between the promise and its due date.
struct CreatePromises: AsyncMigration {
    let name = "ArrearsStore.CreatePromises"

    func prepare(on database: any Database) async throws {
        try await database.schema("promises")
            .field("id", .string, .identifier(auto: false))
            .field("case_id", .string, .required)
            .field("customer_id", .string, .required)
            .field("currency", .string, .required)
            .field("amount_minor", .int64, .required)
            .field("promised_on", .string, .required)
            .field("due_on", .string, .required)
            .field("status", .string, .required)
            .field("paid_minor", .int64)
            .field("settled_on", .string)
            .create()
        try await (database as! any SQLDatabase).create(index: "promises_status_due").on("promises").column("status").column("due_on").run()
        try await (database as! any SQLDatabase).create(index: "promises_customer").on("promises").column("customer_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("promises").delete()
    }
}
