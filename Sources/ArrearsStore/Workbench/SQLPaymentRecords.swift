import ArrearsCore
import SQLKit

/// The rows of posting a payment (`PaymentRecords`) in the store's database, on SQLite or
/// PostgreSQL; positions are bucketed by `buckets`.
public struct SQLPaymentRecords: PaymentRecords {
    public let store: Store
    public let buckets: BucketScheme

    public init(store: Store, buckets: BucketScheme) {
        self.store = store
        self.buckets = buckets
    }

    public func transaction<T: Sendable>(_ work: @escaping @Sendable (any PaymentTransaction) async throws -> T) async throws -> T {
        let buckets = buckets
        return try await store.transaction { database in try await work(Transaction(buckets: buckets, database: database)) }
    }

    struct Transaction: PaymentTransaction {
        let buckets: BucketScheme
        let database: any SQLDatabase

        func paymentAccount(_ accountId: String) async throws -> PaymentAccount? {
            guard let row = try await database.raw("SELECT customer_id, currency FROM accounts WHERE id = \(bind: accountId)").first() else { return nil }
            return PaymentAccount(customerId: try row.decode(column: "customer_id", as: String.self), currency: try row.decode(column: "currency", as: String.self))
        }

        func insertIfNew(_ payment: StoredPayment) async throws -> Bool {
            // RETURNING answers only for a row this statement inserted: a payment seen before answers nothing.
            try await database.raw("""
                INSERT INTO payments (\(unsafeRaw: StoredPayment.columns))
                VALUES (\(bind: payment.id), \(bind: payment.accountId), \(bind: payment.paidOn), \(bind: payment.amountMinor),
                        \(bind: payment.currency), \(bind: payment.channel))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """).first() != nil
        }

        func payment(_ id: String) async throws -> StoredPayment? {
            try await database.raw("SELECT \(unsafeRaw: StoredPayment.columns) FROM payments WHERE id = \(bind: id)").first().map(StoredPayment.init)
        }

        func audit(_ events: [AuditEvent]) async throws { try await AuditLog.append(events, on: database) }

        func recomputeWithCase(accountId: String, atLeastAsOf date: LocalDate) async throws -> AccountFile.Position {
            try await AccountRecompute(buckets: buckets).recomputeWithCase(accountId: accountId, atLeastAsOf: date, on: database)
        }
    }
}
