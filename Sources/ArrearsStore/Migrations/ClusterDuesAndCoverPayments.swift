import FluentKit
import SQLKit

/// Lays out the two tables that recomputing positions reads whole, so that it reads them in key
/// order without a lookup per row (issue #2: every account recomputed in under 5 seconds):
/// - on SQLite, `dues` becomes a `WITHOUT ROWID` table clustered on its primary key (account,
///   due date): walking an account's dues in date order reads consecutive pages, where the rowid
///   table needed a lookup from its key index for every due (and an import writes one B-tree
///   instead of two);
/// - `payments_account_paid_on` also carries the amount, so that the sum paid per account by a
///   date is read from the index alone.
/// PostgreSQL keeps its heap table (it has no clustered tables); it gets the wider index.
struct ClusterDuesAndCoverPayments: AsyncMigration {
    let name = "ArrearsStore.ClusterDuesAndCoverPayments"

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                CREATE TABLE dues_clustered (account_id TEXT NOT NULL, due_on TEXT NOT NULL, principal_minor INTEGER NOT NULL,
                    interest_minor INTEGER NOT NULL, fees_minor INTEGER NOT NULL, PRIMARY KEY (account_id, due_on)) WITHOUT ROWID
                """).run()
            try await sql.raw("""
                INSERT INTO dues_clustered (account_id, due_on, principal_minor, interest_minor, fees_minor)
                SELECT account_id, due_on, principal_minor, interest_minor, fees_minor FROM dues ORDER BY account_id, due_on
                """).run()
            try await sql.raw("DROP TABLE dues").run()
            try await sql.raw("ALTER TABLE dues_clustered RENAME TO dues").run()
        }
        try await sql.drop(index: "payments_account_paid_on").run()
        try await sql.create(index: "payments_account_paid_on").on("payments").column("account_id").column("paid_on").column("amount_minor").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "payments_account_paid_on").run()
        try await sql.create(index: "payments_account_paid_on").on("payments").column("account_id").column("paid_on").run()
    }
}
