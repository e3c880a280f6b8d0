import ArrearsCore
import SQLKit

/// Writes validated records in multi-row statements, upserting by each table's key so that a
/// file imported twice leaves the database as once.
struct ImportBatchWriter {
    let database: any SQLDatabase

    func write(customers: [CustomerRecord]) async throws {
        guard !customers.isEmpty else { return }
        let columns = ["id", "name", "id_number", "mobile", "email", "address", "region", "time_zone", "language", "credit_rating"]
        let rows: [[any SQLExpression]] = customers.map { c in
            [SQLBind(c.id), SQLBind(c.name), SQLBind(c.idNumber), SQLBind(c.mobile), SQLBind(c.email), SQLBind(c.address),
             SQLBind(c.region), SQLBind(c.timeZone), SQLBind(c.language.rawValue), SQLBind(c.creditRating.rawValue)]
        }
        try await upsert("customers", columns: columns, key: ["id"], rows: rows)
    }

    func write(accounts: [AccountRecord]) async throws {
        guard !accounts.isEmpty else { return }
        let columns = ["id", "customer_id", "product", "currency", "principal_minor", "opened_on"]
        let rows: [[any SQLExpression]] = accounts.map { a in
            [SQLBind(a.id), SQLBind(a.customerId), SQLBind(a.product.rawValue), SQLBind(a.currency.code),
             SQLBind(a.principal), SQLBind(a.openedOn.description)]
        }
        try await upsert("accounts", columns: columns, key: ["id"], rows: rows)
    }

    func write(dues: [DueRecord]) async throws {
        guard !dues.isEmpty else { return }
        let columns = ["account_id", "due_on", "principal_minor", "interest_minor", "fees_minor"]
        let rows: [[any SQLExpression]] = dues.map { d in
            [SQLBind(d.accountId), SQLBind(d.due.dueOn.description), SQLBind(d.due.principal),
             SQLBind(d.due.interest), SQLBind(d.due.fees)]
        }
        try await upsert("dues", columns: columns, key: ["account_id", "due_on"], rows: rows)
    }

    /// Payments are never updated: one already stored is identical (the importer checked), so
    /// it is left as it is.
    func write(payments: [PaymentRecord]) async throws {
        guard !payments.isEmpty else { return }
        let rows: [[any SQLExpression]] = payments.map { p in
            [SQLBind(p.id), SQLBind(p.accountId), SQLBind(p.paidOn.description), SQLBind(p.amount),
             SQLBind(p.currency.code), SQLBind(p.channel)]
        }
        try await database.insert(into: "payments")
            .columns(["id", "account_id", "paid_on", "amount_minor", "currency", "channel"])
            .rows(rows)
            .ignoringConflicts(with: ["id"])
            .run()
    }

    private func upsert(_ table: String, columns: [String], key: [String], rows: [[any SQLExpression]]) async throws {
        try await database.insert(into: table)
            .columns(columns)
            .rows(rows)
            .onConflict(with: key) { update in
                var update = update
                for column in columns where !key.contains(column) { update = update.set(excludedValueOf: column) }
                return update
            }
            .run()
    }
}
