import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// Promises to pay taken by the people working cases (the daily run settles them).
///
/// A promise is for an amount above zero in the case's currency, falls due between today and
/// `maximumDays` days from today, and a case has at most one pending promise at a time. Taking
/// one is audited as `promise_taken` in the same transaction that stores it.
public struct PromiseBook: Sendable {
    /// The furthest a promise may fall due, in calendar days from the day it is taken.
    public var maximumDays = 30

    public init(maximumDays: Int = 30) { self.maximumDays = maximumDays }

    public struct NewPromise: Sendable {
        public let caseId: String
        public let amountMinor: Int64
        public let currency: String
        public let dueOn: LocalDate

        public init(caseId: String, amountMinor: Int64, currency: String, dueOn: LocalDate) {
            self.caseId = caseId
            self.amountMinor = amountMinor
            self.currency = currency
            self.dueOn = dueOn
        }
    }

    /// Stores `promise` on its case, taken on `today` by `actor`, if the case is open and within
    /// `scope`; throws `WorkbenchError` naming the field otherwise.
    public func take(_ promise: NewPromise, today: LocalDate, scope: WorkScope, by actor: String, store: Store) async throws -> StoredPromise {
        try await store.transaction { database in
            try await take(promise, today: today, scope: scope, by: actor, store: store, on: database)
        }
    }

    /// `take`, inside the caller's transaction on `database` (a visit report stores its promise
    /// with the rest of the report).
    func take(_ promise: NewPromise, today: LocalDate, scope: WorkScope, by actor: String, store: Store,
              on database: any SQLDatabase) async throws -> StoredPromise {
        var query: SQLQueryString = "SELECT c.customer_id, c.status, c.currency, c.overdue_minor FROM cases c WHERE c.id = \(bind: promise.caseId)"
        scope.restrict(&query, customerColumn: "c.customer_id")
        // On PostgreSQL the case row is locked, so two promises taken at once cannot both find none pending.
        if store.dialect == .postgres { query.appendLiteral(" FOR UPDATE OF c") }
        guard let row = try await database.raw(query).first() else { throw WorkbenchError.notFound(field: "case_id", id: promise.caseId) }
        guard try row.decode(column: "status", as: String.self) == "open" else {
            throw WorkbenchError.invalid(field: "case_id", message: "the case is closed")
        }
        let currency = try row.decode(column: "currency", as: String.self)
        guard promise.currency == currency else {
            throw WorkbenchError.invalid(field: "currency", message: "the case is in \(currency), not \(promise.currency)")
        }
        // A customer who owes nothing is not asked to promise (issue 24): nothing overdue on the
        // accounts' positions (the case's figure from the last run when no position is stored).
        let customerId = try row.decode(column: "customer_id", as: String.self)
        let positions = try await database.raw("""
            SELECT COUNT(*) AS n, CAST(COALESCE(SUM(p.overdue_minor), 0) AS BIGINT) AS owed
            FROM account_positions p JOIN accounts a ON a.id = p.account_id WHERE a.customer_id = \(bind: customerId)
            """).first()
        let owed = try positions.map { try $0.decode(column: "n", as: Int.self) > 0 ? try $0.decode(column: "owed", as: Int64.self) : nil } ?? nil
        guard try owed ?? row.decode(column: "overdue_minor", as: Int64.self) > 0 else {
            throw WorkbenchError.invalid(field: "case_id", message: "nothing is overdue on the case: there is nothing to promise")
        }
        guard promise.amountMinor > 0 else { throw WorkbenchError.invalid(field: "amount", message: "a promise must be for more than zero") }
        let latest = today.adding(days: maximumDays)
        guard promise.dueOn >= today, promise.dueOn <= latest else {
            throw WorkbenchError.invalid(field: "due_on", message: "the promise must fall due from \(today) to \(latest) (at most \(maximumDays) days)")
        }
        if let pending = try await database.raw("""
            SELECT id FROM promises WHERE case_id = \(bind: promise.caseId) AND status = 'pending'
            """).first() {
            throw WorkbenchError.pendingPromise(promiseId: try pending.decode(column: "id", as: String.self))
        }
        let id = "PTP-" + UUID().uuidString.lowercased()
        try await database.raw("""
            INSERT INTO promises (id, case_id, customer_id, currency, amount_minor, promised_on, due_on, status)
            VALUES (\(bind: id), \(bind: promise.caseId), \(bind: customerId), \(bind: currency), \(bind: promise.amountMinor),
                    \(bind: today.description), \(bind: promise.dueOn.description), 'pending')
            """).run()
        try await AuditLog.append([AuditEvent(actor: actor, action: "promise_taken", subject: customerId, details: [
            "promise_id": id, "case_id": promise.caseId, "amount_minor": String(promise.amountMinor), "currency": currency,
            "due_on": promise.dueOn.description,
        ])], on: database)
        return try await database.raw("SELECT \(unsafeRaw: StoredPromise.columns) FROM promises p WHERE p.id = \(bind: id)").first().map(StoredPromise.init)!
    }
}
