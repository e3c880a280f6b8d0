import FluentKit
import SQLKit

/// What the daily run decided for each case on a business date: at most one action per case
/// and date (the id is `case:date`), so a second run of the same date adds nothing.
struct CreateActions: AsyncMigration {
    let name = "ArrearsStore.CreateActions"

    func prepare(on database: any Database) async throws {
        try await database.schema("actions")
            .field("id", .string, .identifier(auto: false))
            .field("case_id", .string, .required)
            .field("customer_id", .string, .required)
            .field("business_date", .string, .required)
            .field("segment", .string, .required)
            .field("bucket", .string, .required)
            .field("dpd", .int, .required)
            .field("treatment", .string, .required)
            .field("channel", .string, .required)
            .field("cell", .string, .required)
            .field("status", .string, .required)
            .field("reason", .string, .required)
            .field("priority", .int64, .required)
            .field("assigned_to", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "actions_business_date").on("actions").column("business_date").column("case_id").run()
        try await sql.create(index: "actions_assigned_to").on("actions").column("assigned_to").column("business_date").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("actions").delete()
    }
}
