import FluentKit

/// Each account's delinquency as of the last recompute: DPD, bucket, overdue and outstanding.
struct CreateAccountPositions: AsyncMigration {
    let name = "ArrearsStore.CreateAccountPositions"

    func prepare(on database: any Database) async throws {
        try await database.schema("account_positions")
            .field("account_id", .string, .identifier(auto: false))
            .field("as_of", .string, .required)
            .field("dpd", .int, .required)
            .field("bucket", .string, .required)
            .field("overdue_minor", .int64, .required)
            .field("outstanding_minor", .int64, .required)
            .field("credit_minor", .int64, .required)
            .field("oldest_unpaid_due_on", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("account_positions").delete()
    }
}
