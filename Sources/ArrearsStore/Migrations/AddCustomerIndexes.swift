import FluentKit
import SQLKit

/// The customer's rows in the tables that had no index by customer (issue 24, "Retention"):
/// a retention run checks and erases a batch of customers at a time, and without these each
/// batch would read the whole of each table (the outbox above all, which grows every day).
struct AddCustomerIndexes: AsyncMigration {
    let name = "ArrearsStore.AddCustomerIndexes"

    static let indexes: [(name: String, table: String)] = [
        ("cases_customer", "cases"),
        ("visits_customer", "visits"),
        ("legal_cases_customer", "legal_cases"),
        ("arrangements_customer", "arrangements"),
        ("outbox_messages_customer", "outbox_messages"),
        ("satisfaction_ratings_customer", "satisfaction_ratings"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes { try await sql.create(index: index.name).on(index.table).column("customer_id").run() }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes { try await sql.drop(index: index.name).run() }
    }
}
