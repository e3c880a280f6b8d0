import FluentKit
import SQLKit

/// The keyed lookup hashes of a customer's ID number and mobile number (issue 4: personal data
/// encrypted at rest, found by keyed hash). The values themselves are sealed in their own
/// columns; these find a customer without decrypting any row. Null where the store that wrote
/// the row had no data key.
struct AddCustomerLookupHashes: AsyncMigration {
    let name = "ArrearsStore.AddCustomerLookupHashes"

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema("customers").field("id_number_hash", .string).update()
        try await database.schema("customers").field("mobile_hash", .string).update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "customers_id_number_hash").on("customers").column("id_number_hash").run()
        try await sql.create(index: "customers_mobile_hash").on("customers").column("mobile_hash").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "customers_id_number_hash").run()
        try await sql.drop(index: "customers_mobile_hash").run()
        try await database.schema("customers").deleteField("id_number_hash").update()
        try await database.schema("customers").deleteField("mobile_hash").update()
    }
}
