import FluentKit

/// Customers with their contact points, time zone, language and credit rating.
struct CreateCustomers: AsyncMigration {
    let name = "ArrearsStore.CreateCustomers"

    func prepare(on database: any Database) async throws {
        try await database.schema("customers")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("id_number", .string)
            .field("mobile", .string)
            .field("email", .string)
            .field("address", .string)
            .field("region", .string)
            .field("time_zone", .string, .required)
            .field("language", .string, .required)
            .field("credit_rating", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("customers").delete()
    }
}
