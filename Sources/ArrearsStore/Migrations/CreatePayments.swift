import FluentKit

/// Payments, keyed by the bank's own payment id: the same payment can never be booked twice.
struct CreatePayments: AsyncMigration {
    let name = "ArrearsStore.CreatePayments"

    func prepare(on database: any Database) async throws {
        try await database.schema("payments")
            .field("id", .string, .identifier(auto: false))
            .field("account_id", .string, .required)
            .field("paid_on", .string, .required)
            .field("amount_minor", .int64, .required)
            .field("currency", .string, .required)
            .field("channel", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("payments").delete()
    }
}
