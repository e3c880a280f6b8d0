import FluentKit

/// Dues, keyed by account and due date so that a schedule sent again updates in place. The key
/// also orders an account's dues oldest first, which is how payments are allocated.
struct CreateDues: AsyncMigration {
    let name = "ArrearsStore.CreateDues"

    func prepare(on database: any Database) async throws {
        try await database.schema("dues")
            .field("account_id", .string, .required)
            .field("due_on", .string, .required)
            .field("principal_minor", .int64, .required)
            .field("interest_minor", .int64, .required)
            .field("fees_minor", .int64, .required)
            .compositeIdentifier(over: "account_id", "due_on")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dues").delete()
    }
}
