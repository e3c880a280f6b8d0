import FluentKit
import SQLKit

/// Customers by name (issue 25, "Search"): an inbound caller is found by the name they give,
/// as a prefix, in one index range on both databases. The index is in byte order (PostgreSQL's
/// `"C"` collation, SQLite's default), so that a prefix range means the same whatever collation
/// the bank's database was created with.
struct AddCustomerNameIndex: AsyncMigration {
    let name = "ArrearsStore.AddCustomerNameIndex"

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let collation = sql.dialect.name == "postgresql" ? " COLLATE \"C\"" : ""
        try await sql.raw("CREATE INDEX customers_name ON customers (name\(unsafeRaw: collation))").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "customers_name").run()
    }
}
