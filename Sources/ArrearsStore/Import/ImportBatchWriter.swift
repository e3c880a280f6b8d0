import ArrearsCore
import Dispatch
import Foundation
import SQLKit

/// Writes validated records in multi-row statements, upserting by each table's key so that a
/// file imported twice leaves the database as once; on PostgreSQL through `COPY` (`CopyLoad`),
/// whose merge upserts the same way.
struct ImportBatchWriter {
    let database: any SQLDatabase
    /// The import's load through `COPY` on PostgreSQL; nil on SQLite.
    var copyLoad: CopyLoad?

    /// The statement a file of `kind` is written with.
    static func statement(for kind: ImportKind) -> BulkInsert {
        switch kind {
        case .customers: .customers
        case .accounts: .accounts
        case .dues: .dues
        case .payments: .payments
        }
    }

    /// Writes one row for each of `elements` with `statement`: through the import's `COPY` on
    /// PostgreSQL, else in multi-row statements.
    private func write<Element>(_ statement: BulkInsert, _ elements: [Element], row: (Element, inout BulkRow) throws -> Void) async throws {
        if let copyLoad { return try await copyLoad.copy(elements, row: row) }
        try await BulkWriter(database: database).insert(statement, elements, row: row)
    }

    /// A customer as it is written: ID and mobile numbers and e-mail address in their stored
    /// form, with their lookup hashes, and the postal address in its stored form.
    struct SealedCustomer: Sendable {
        let customer: CustomerRecord
        let idNumber: (value: String?, hash: String?)
        let mobile: (value: String?, hash: String?)
        let email: (value: String?, hash: String?)
        let address: String?
    }

    /// ID and mobile numbers and e-mail addresses are stored sealed (when the store has a data
    /// key), each with its keyed lookup hash (issues 4 and 22), and so is the postal address,
    /// without a hash (`SealedColumn`); the seal is deterministic, so a file imported twice
    /// stores the same bytes. Sealing is most of a customer's import cost: the importer seals a
    /// batch while the previous batch is being written.
    static func sealed(_ customers: [CustomerRecord], cipher: FieldCipher?) -> [SealedCustomer] {
        concurrentMap(customers, parallel: cipher != nil) { c in
            SealedCustomer(customer: c, idNumber: PersonalField.idNumber.stored(c.idNumber, cipher: cipher),
                           mobile: PersonalField.mobile.stored(c.mobile, cipher: cipher),
                           email: PersonalField.email.stored(c.email, cipher: cipher),
                           address: c.address.map { cipher?.seal($0) ?? $0 })
        }
    }

    /// Writes customers sealed by `sealed(_:cipher:)`.
    func write(customers: [SealedCustomer]) async throws {
        try await write(.customers, customers) { sealed, row in
            let c = sealed.customer
            try row.text(c.id); try row.text(c.name); try row.optional(sealed.idNumber.value); try row.optional(sealed.mobile.value)
            try row.optional(sealed.email.value); try row.optional(sealed.address); try row.optional(c.region); try row.text(c.timeZone)
            try row.text(c.language.rawValue); try row.text(c.creditRating.rawValue)
            try row.optional(sealed.idNumber.hash); try row.optional(sealed.mobile.hash); try row.optional(sealed.email.hash)
        }
    }

    /// `transform` of every element, in order; with `parallel`, in one slice per core. Sealing
    /// needs nothing but the cipher, so it spreads.
    private static func concurrentMap<Element: Sendable, Result: Sendable>(_ elements: [Element], parallel: Bool,
                                                                           _ transform: @Sendable (Element) -> Result) -> [Result] {
        let slices = min(ProcessInfo.processInfo.activeProcessorCount, max(1, elements.count / 256))
        guard parallel, slices > 1 else { return elements.map(transform) }
        let results = ConcurrentSlots<[Result]>(count: slices)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = (elements.count * slice / slices)..<(elements.count * (slice + 1) / slices)
            results.set(slice, elements[range].map(transform))
        }
        return results.values.flatMap { $0 }
    }

    func write(accounts: [AccountRecord]) async throws {
        try await write(.accounts, accounts) { a, row in
            try row.text(a.id); try row.text(a.customerId); try row.text(a.product.rawValue); try row.text(a.currency.code)
            try row.integer(a.principal); try row.text(a.openedOn.description); try row.optional(a.writtenOffOn?.description)
        }
    }

    func write(dues: [DueRecord]) async throws {
        try await write(.dues, dues) { d, row in
            try row.text(d.accountId); try row.text(d.due.dueOn.description)
            try row.integer(d.due.principal); try row.integer(d.due.interest); try row.integer(d.due.fees)
        }
    }

    /// Payments are never updated: one already stored is identical (the importer checked), so
    /// it is left as it is.
    func write(payments: [PaymentRecord]) async throws {
        try await write(.payments, payments) { p, row in
            try row.text(p.id); try row.text(p.accountId); try row.text(p.paidOn.description)
            try row.integer(p.amount); try row.text(p.currency.code); try row.text(p.channel)
        }
    }
}

extension BulkInsert {
    static let customers = BulkInsert(table: "customers", columns: ["id", "name", "id_number", "mobile", "email", "address", "region", "time_zone", "language", "credit_rating",
                                                                 "id_number_hash", "mobile_hash", "email_hash"], key: ["id"], onConflict: .update)
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
