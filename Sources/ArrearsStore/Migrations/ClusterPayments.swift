import FluentKit
import SQLKit

/// On SQLite, `payments` becomes a `WITHOUT ROWID` table clustered on the bank's payment id, as
/// `dues` was (`ClusterDuesAndCoverPayments`): the rowid table kept every payment twice, in
/// the table and in the index of its text key, so an import wrote two B-trees a row. SQLite
/// advises this layout for tables with small rows and a key that is not an integer. What reads
/// payments by account (recompute, the case page) reads the covering
/// `payments_account_paid_on` index, which is built again.
/// PostgreSQL keeps its heap table.
struct ClusterPayments: AsyncMigration {
    let name = "ArrearsStore.ClusterPayments"

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "sqlite" else { return }
        try await rebuild(sql, clustered: true)
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "sqlite" else { return }
        try await rebuild(sql, clustered: false)
    }

    private func rebuild(_ sql: any SQLDatabase, clustered: Bool) async throws {
        try await sql.raw("""
            CREATE TABLE payments_rebuilt (id TEXT NOT NULL PRIMARY KEY, account_id TEXT NOT NULL, paid_on TEXT NOT NULL,
                amount_minor INTEGER NOT NULL, currency TEXT NOT NULL, channel TEXT NOT NULL)\(unsafeRaw: clustered ? " WITHOUT ROWID" : "")
            """).run()
        try await sql.raw("""
            INSERT INTO payments_rebuilt (id, account_id, paid_on, amount_minor, currency, channel)
            SELECT id, account_id, paid_on, amount_minor, currency, channel FROM payments ORDER BY id
            """).run()
        try await sql.raw("DROP TABLE payments").run()
        try await sql.raw("ALTER TABLE payments_rebuilt RENAME TO payments").run()
        try await sql.create(index: "payments_account_paid_on").on("payments").column("account_id").column("paid_on").column("amount_minor").run()
    }
}
