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
        try await take(promise, today: today, scope: scope, by: actor, records: SQLPromiseBookRecords(store: store))
    }

    /// `take` on `records` (the store's database, or rows a test keeps in memory).
    public func take(_ promise: NewPromise, today: LocalDate, scope: WorkScope, by actor: String, records: any PromiseBookRecords) async throws -> StoredPromise {
        try await records.transaction { rows in
            try await take(promise, today: today, scope: scope, by: actor, in: rows)
        }
    }

    /// `take`, inside the caller's transaction on `database` (a visit report stores its promise
    /// with the rest of the report).
    func take(_ promise: NewPromise, today: LocalDate, scope: WorkScope, by actor: String, store: Store,
              on database: any SQLDatabase) async throws -> StoredPromise {
        try await take(promise, today: today, scope: scope, by: actor, in: SQLPromiseBookRecords(store: store).records(in: database))
    }

    /// The rules of taking a promise, on the rows of one transaction.
    func take(_ promise: NewPromise, today: LocalDate, scope: WorkScope, by actor: String, in rows: any PromiseBookTransaction) async throws -> StoredPromise {
        guard let found = try await rows.promiseCase(promise.caseId, scope: scope) else {
            throw WorkbenchError.notFound(field: "case_id", id: promise.caseId)
        }
        guard found.status == "open" else {
            throw WorkbenchError.invalid(field: "case_id", message: "the case is closed")
        }
        let currency = found.currency
        guard promise.currency == currency else {
            throw WorkbenchError.invalid(field: "currency", message: "the case is in \(currency), not \(promise.currency)")
        }
        // A customer who owes nothing is not asked to promise (issue 24): nothing overdue on the
        // accounts' positions (the case's figure from the last run when no position is stored).
        guard (found.positionsOverdueMinor ?? found.caseOverdueMinor) > 0 else {
            throw WorkbenchError.invalid(field: "case_id", message: "nothing is overdue on the case: there is nothing to promise")
        }
        guard promise.amountMinor > 0 else { throw WorkbenchError.invalid(field: "amount", message: "a promise must be for more than zero") }
        let latest = today.adding(days: maximumDays)
        guard promise.dueOn >= today, promise.dueOn <= latest else {
            throw WorkbenchError.invalid(field: "due_on", message: "the promise must fall due from \(today) to \(latest) (at most \(maximumDays) days)")
        }
        if let pending = try await rows.pendingPromise(ofCase: promise.caseId) {
            throw WorkbenchError.pendingPromise(promiseId: pending)
        }
        let id = "PTP-" + UUID().uuidString.lowercased()
        let stored = try await rows.insert(StoredPromise(id: id, caseId: promise.caseId, customerId: found.customerId, currency: currency,
                                                         amountMinor: promise.amountMinor, promisedOn: today.description,
                                                         dueOn: promise.dueOn.description, status: "pending", paidMinor: nil, settledOn: nil))
        try await rows.audit([AuditEvent(actor: actor, action: "promise_taken", subject: found.customerId, details: [
            "promise_id": id, "case_id": promise.caseId, "amount_minor": String(promise.amountMinor), "currency": currency,
            "due_on": promise.dueOn.description,
        ])])
        return stored
    }
}
