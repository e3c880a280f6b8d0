import ArrearsCore
import SQLKit

/// Looks up, one batch of ids at a time, what an import row refers to, so that memory does not
/// grow with the size of the portfolio.
struct ReferenceLookup {
    let database: any SQLDatabase

    func existingCustomers(_ ids: Set<String>) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        let rows = try await database.select().column("id").from("customers").where("id", .in, Array(ids)).all()
        return Set(try rows.map { try $0.decode(column: "id", as: String.self) })
    }

    /// Every stored customer's id (for a first load of accounts, checked without a query per batch).
    func allCustomerIds() async throws -> Set<String> {
        let count = try await database.raw("SELECT COUNT(*) AS n FROM customers").first()?.decode(column: "n", as: Int.self) ?? 0
        // On SQLite, stepped on the transaction's own connection without decoding rows through
        // SQLKit (a microsecond a row: most of the load for a million ids).
        if let direct = SQLiteDirect.connection(of: database) {
            return try direct.exclusively { connection in
                var ids = Set<String>(minimumCapacity: count)
                let statement = try connection.prepare("SELECT id FROM customers")
                while try statement.step() { ids.insert(String(decoding: statement.text(0), as: UTF8.self)) }
                return ids
            }
        }
        let collected = LockedBox<Set<String>>(Set(minimumCapacity: count))
        try await database.execute(sql: SQLQueryString("SELECT id FROM customers")) { row in
            guard let id = try? row.decode(column: "id", as: String.self) else { return }
            collected.mutate { _ = $0.insert(id) }
        }
        return collected.get()
    }

    /// The currency of every stored account.
    func allAccountCurrencies() async throws -> [String: Currency] {
        // Sized for every account at once: growing a million-entry dictionary step by step
        // rehashed it over and over.
        let count = try await database.raw("SELECT COUNT(*) AS n FROM accounts").first()?.decode(column: "n", as: Int.self) ?? 0
        if let direct = SQLiteDirect.connection(of: database) {
            return try direct.exclusively { connection in
                var currencies = [String: Currency](minimumCapacity: count)
                var last: (code: String, currency: Currency?) = ("", nil)
                let statement = try connection.prepare("SELECT id, currency FROM accounts")
                while try statement.step() {
                    let code = String(decoding: statement.text(1), as: UTF8.self)
                    if code != last.code { last = (code, Currency(code: code)) }
                    currencies[String(decoding: statement.text(0), as: UTF8.self)] = last.currency
                }
                return currencies
            }
        }
        let collected = LockedBox<[String: Currency]>(Dictionary(minimumCapacity: count))
        try await database.execute(sql: SQLQueryString("SELECT id, currency FROM accounts")) { row in
            guard let id = try? row.decode(column: "id", as: String.self),
                  let code = try? row.decode(column: "currency", as: String.self) else { return }
            collected.mutate { $0[id] = Currency(code: code) }
        }
        return collected.get()
    }

    /// The currency of each of these accounts that exists.
    func accountCurrencies(_ ids: Set<String>) async throws -> [String: Currency] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.select().columns("id", "currency").from("accounts").where("id", .in, Array(ids)).all()
        var result: [String: Currency] = [:]
        for row in rows {
            let code = try row.decode(column: "currency", as: String.self)
            result[try row.decode(column: "id", as: String.self)] = Currency(code: code)
        }
        return result
    }

    /// The payments already stored under these ids.
    func storedPayments(_ ids: Set<String>) async throws -> [String: PaymentRecord] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.select()
            .columns("id", "account_id", "paid_on", "amount_minor", "currency", "channel")
            .from("payments").where("id", .in, Array(ids)).all()
        var result: [String: PaymentRecord] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: String.self)
            result[id] = PaymentRecord(
                id: id,
                accountId: try row.decode(column: "account_id", as: String.self),
                paidOn: LocalDate(iso: try row.decode(column: "paid_on", as: String.self)) ?? LocalDate(daysSinceEpoch: 0),
                amount: try row.decode(column: "amount_minor", as: Int64.self),
                currency: Currency(code: try row.decode(column: "currency", as: String.self)) ?? .cny,
                channel: try row.decode(column: "channel", as: String.self)
            )
        }
        return result
    }
}
