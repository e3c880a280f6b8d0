import FluentKit

/// Accounts: one product in one currency for one customer. Money columns are minor units.
struct CreateAccounts: AsyncMigration {
    let name = "ArrearsStore.CreateAccounts"

    func prepare(on database: any Database) async throws {
        try await database.schema("accounts")
            .field("id", .string, .identifier(auto: false))
            .field("customer_id", .string, .required)
            .field("product", .string, .required)
            .field("currency", .string, .required)
            .field("principal_minor", .int64, .required)
            .field("opened_on", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("accounts").delete()
    }
}
