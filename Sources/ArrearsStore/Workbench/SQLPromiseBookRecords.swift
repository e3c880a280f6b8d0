import ArrearsCore
import SQLKit

/// The rows of taking a promise (`PromiseBookRecords`) in the store's database, on SQLite or PostgreSQL.
public struct SQLPromiseBookRecords: PromiseBookRecords {
    public let store: Store

    public init(store: Store) { self.store = store }

    public func transaction<T: Sendable>(_ work: @escaping @Sendable (any PromiseBookTransaction) async throws -> T) async throws -> T {
        let store = store
        return try await store.transaction { database in try await work(Transaction(dialect: store.dialect, database: database)) }
    }

    /// The rows of a transaction the caller holds on `database` (a visit report takes its promise in its own).
    public func records(in database: any SQLDatabase) -> any PromiseBookTransaction {
        Transaction(dialect: store.dialect, database: database)
    }

    struct Transaction: PromiseBookTransaction {
        let dialect: Dialect
        let database: any SQLDatabase

        func promiseCase(_ caseId: String, scope: WorkScope) async throws -> PromiseCase? {
            var query: SQLQueryString = "SELECT c.customer_id, c.status, c.currency, c.overdue_minor FROM cases c WHERE c.id = \(bind: caseId)"
            scope.restrict(&query, customerColumn: "c.customer_id")
            if dialect == .postgres { query.appendLiteral(" FOR UPDATE OF c") }
            guard let row = try await database.raw(query).first() else { return nil }
            let customerId = try row.decode(column: "customer_id", as: String.self)
            let positions = try await database.raw("""
                SELECT COUNT(*) AS n, CAST(COALESCE(SUM(p.overdue_minor), 0) AS BIGINT) AS owed
                FROM account_positions p JOIN accounts a ON a.id = p.account_id WHERE a.customer_id = \(bind: customerId)
                """).first()
            let owed = try positions.map { try $0.decode(column: "n", as: Int.self) > 0 ? try $0.decode(column: "owed", as: Int64.self) : nil } ?? nil
            return PromiseCase(customerId: customerId, status: try row.decode(column: "status", as: String.self),
                               currency: try row.decode(column: "currency", as: String.self),
                               caseOverdueMinor: try row.decode(column: "overdue_minor", as: Int64.self), positionsOverdueMinor: owed)
        }

        func pendingPromise(ofCase caseId: String) async throws -> String? {
            try await database.raw("SELECT id FROM promises WHERE case_id = \(bind: caseId) AND status = 'pending'").first()?
                .decode(column: "id", as: String.self)
        }

        func insert(_ promise: StoredPromise) async throws -> StoredPromise {
            try await database.raw("""
                INSERT INTO promises (id, case_id, customer_id, currency, amount_minor, promised_on, due_on, status)
                VALUES (\(bind: promise.id), \(bind: promise.caseId), \(bind: promise.customerId), \(bind: promise.currency), \(bind: promise.amountMinor),
                        \(bind: promise.promisedOn), \(bind: promise.dueOn), \(bind: promise.status))
                """).run()
            guard let stored = try await database.raw("SELECT \(unsafeRaw: StoredPromise.columns) FROM promises p WHERE p.id = \(bind: promise.id)")
                .first().map(StoredPromise.init) else { return promise }
            return stored
        }

        func audit(_ events: [AuditEvent]) async throws { try await AuditLog.append(events, on: database) }
    }
}
