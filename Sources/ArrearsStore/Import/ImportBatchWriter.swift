import ArrearsCore
import Dispatch
import Foundation
import SQLKit

/// Writes validated records in multi-row statements, upserting by each table's key so that a
/// file imported twice leaves the database as once.
struct ImportBatchWriter {
    let database: any SQLDatabase

    /// ID and mobile numbers are stored sealed (when the store has a data key), each with its
    /// keyed lookup hash (issue 4); the seal is deterministic, so a file imported twice stores the
    /// same bytes. Sealing is most of a customer's import cost: the importer makes a batch's rows
    /// while the previous batch is being written.
    static func rows(of customers: [CustomerRecord], cipher: FieldCipher?) -> [[BulkValue]] {
        concurrentMap(customers, parallel: cipher != nil) { c in
            let idNumber = PersonalField.idNumber.stored(c.idNumber, cipher: cipher)
            let mobile = PersonalField.mobile.stored(c.mobile, cipher: cipher)
            return [.text(c.id), .text(c.name), .optional(idNumber.value), .optional(mobile.value), .optional(c.email), .optional(c.address),
                    .optional(c.region), .text(c.timeZone), .text(c.language.rawValue), .text(c.creditRating.rawValue),
                    .optional(idNumber.hash), .optional(mobile.hash)]
        }
    }

    /// Writes rows made by `rows(of:cipher:)`.
    func write(customerRows rows: [[BulkValue]]) async throws {
        try await insert(.customers, rows)
    }

    /// `transform` of every element, in order; with `parallel`, in one slice per core. Sealing
    /// needs nothing but the cipher, so it spreads.
    private static func concurrentMap<Element: Sendable>(_ elements: [Element], parallel: Bool,
                                                         _ transform: @Sendable (Element) -> [BulkValue]) -> [[BulkValue]] {
        let slices = min(ProcessInfo.processInfo.activeProcessorCount, max(1, elements.count / 256))
        guard parallel, slices > 1 else { return elements.map(transform) }
        let results = ConcurrentSlots<[[BulkValue]]>(count: slices)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = (elements.count * slice / slices)..<(elements.count * (slice + 1) / slices)
            results.set(slice, elements[range].map(transform))
        }
        return results.values.flatMap { $0 }
    }

    func write(accounts: [AccountRecord]) async throws {
        try await BulkWriter(database: database).insert(.accounts, accounts) { a, row in
            try row.text(a.id); try row.text(a.customerId); try row.text(a.product.rawValue); try row.text(a.currency.code)
            try row.integer(a.principal); try row.text(a.openedOn.description); try row.optional(a.writtenOffOn?.description)
        }
    }

    func write(dues: [DueRecord]) async throws {
        try await BulkWriter(database: database).insert(.dues, dues) { d, row in
            try row.text(d.accountId); try row.text(d.due.dueOn.description)
            try row.integer(d.due.principal); try row.integer(d.due.interest); try row.integer(d.due.fees)
        }
    }

    /// Payments are never updated: one already stored is identical (the importer checked), so
    /// it is left as it is.
    func write(payments: [PaymentRecord]) async throws {
        try await BulkWriter(database: database).insert(.payments, payments) { p, row in
            try row.text(p.id); try row.text(p.accountId); try row.text(p.paidOn.description)
            try row.integer(p.amount); try row.text(p.currency.code); try row.text(p.channel)
        }
    }

    private func insert(_ statement: BulkInsert, _ rows: [[BulkValue]]) async throws {
        try await BulkWriter(database: database).insert(statement, rows)
    }
}

extension BulkInsert {
    static let customers = BulkInsert(table: "customers", columns: ["id", "name", "id_number", "mobile", "email", "address", "region", "time_zone", "language", "credit_rating",
                                                                 "id_number_hash", "mobile_hash"], key: ["id"], onConflict: .update)
    static let accounts = BulkInsert(table: "accounts", columns: ["id", "customer_id", "product", "currency", "principal_minor", "opened_on", "written_off_on"], key: ["id"], onConflict: .update)
    static let dues = BulkInsert(table: "dues", columns: ["account_id", "due_on", "principal_minor", "interest_minor", "fees_minor"], key: ["account_id", "due_on"], onConflict: .update)
    static let payments = BulkInsert(table: "payments", columns: ["id", "account_id", "paid_on", "amount_minor", "currency", "channel"], key: ["id"], onConflict: .ignore)
}

/// One slot per concurrent worker, each written by exactly one of them.
private final class ConcurrentSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

    var values: [Value] { lock.withLock { slots.map { $0! } } }
}
