import FluentKit
import SQLKit

/// The keyed lookup hash of a customer's e-mail address (issue 22: addresses and e-mail addresses
/// sealed like ID and mobile numbers, so that a copied database shows no way to reach anyone).
/// The address itself is sealed in its own column; this finds a customer by it without
/// decrypting any row. Null where the store that wrote the row had no data key. The postal
/// address has no hash: nothing looks a customer up by it.
struct AddCustomerEmailLookupHash: AsyncMigration {
    let name = "ArrearsStore.AddCustomerEmailLookupHash"

    func prepare(on database: any Database) async throws {
        try await database.schema("customers").field("email_hash", .string).update()
        try await (database as! any SQLDatabase).create(index: "customers_email_hash").on("customers").column("email_hash").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "customers_email_hash").run()
        try await database.schema("customers").deleteField("email_hash").update()
    }
}
