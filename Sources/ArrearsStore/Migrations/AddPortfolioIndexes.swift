import FluentKit
import SQLKit

/// The lookups the importer, the daily run and the workbench make by something other than a
/// primary key: a customer's accounts, an account's payments by date, accounts by bucket and DPD.
struct AddPortfolioIndexes: AsyncMigration {
    let name = "ArrearsStore.AddPortfolioIndexes"

    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("accounts_customer_id", "accounts", ["customer_id"]),
        ("payments_account_paid_on", "payments", ["account_id", "paid_on"]),
        ("account_positions_bucket", "account_positions", ["bucket"]),
        ("account_positions_dpd", "account_positions", ["dpd"]),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes {
            var builder = sql.create(index: index.name).on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes { try await sql.drop(index: index.name).run() }
    }
}
