import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// Posts one payment as it happens (a bank's payment gateway, a counter), idempotent by the
/// bank's payment id, and recomputes that account's position, and what its open case owes, at
/// once so that the workbench shows it without waiting for the daily run.
///
/// The same id with the same content is the same payment again: nothing changes and the stored
/// payment is returned. The same id with other content is refused (`paymentConflict`): a bank
/// never reuses a payment id. New payments are audited as `payment_posted`.
public struct PaymentPosting: Sendable {
    public let store: Store
    public let buckets: BucketScheme

    public init(store: Store, buckets: BucketScheme) {
        self.store = store
        self.buckets = buckets
    }

    /// What posting did: the payment as stored, whether this call stored it, and the account's
    /// position afterwards.
    public struct Posted: Sendable, Equatable {
        public let payment: StoredPayment
        public let created: Bool
        public let position: AccountFile.Position
    }

    public static let maximumIdLength = 64

    public func post(_ payment: StoredPayment, by actor: String) async throws -> Posted {
        guard !payment.id.isEmpty, payment.id.count <= Self.maximumIdLength else {
            throw WorkbenchError.invalid(field: "payment_id", message: "a payment id is 1 to \(Self.maximumIdLength) characters")
        }
        let paidOn: LocalDate
        do { paidOn = try LocalDate.parse(payment.paidOn) } catch { throw WorkbenchError.invalid(field: "paid_on", message: "paid_on \(error.description)") }
        guard payment.amountMinor > 0 else { throw WorkbenchError.invalid(field: "amount", message: "a payment must be more than zero") }
        guard !payment.channel.isEmpty, payment.channel.count <= 32 else {
            throw WorkbenchError.invalid(field: "channel", message: "channel is 1 to 32 characters")
        }
        let buckets = buckets
        return try await store.transaction { database in
            guard let account = try await database.raw("""
                SELECT customer_id, currency FROM accounts WHERE id = \(bind: payment.accountId)
                """).first() else { throw WorkbenchError.notFound(field: "account_id", id: payment.accountId) }
            let currency = try account.decode(column: "currency", as: String.self)
            guard payment.currency == currency else {
                throw WorkbenchError.invalid(field: "currency", message: "account \(payment.accountId) is in \(currency), not \(payment.currency)")
            }
            // RETURNING answers only for a row this statement inserted: a payment seen before answers nothing.
            let created = try await database.raw("""
                INSERT INTO payments (\(unsafeRaw: StoredPayment.columns))
                VALUES (\(bind: payment.id), \(bind: payment.accountId), \(bind: payment.paidOn), \(bind: payment.amountMinor),
                        \(bind: payment.currency), \(bind: payment.channel))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """).first() != nil
            if !created {
                let stored = try await database.raw("SELECT \(unsafeRaw: StoredPayment.columns) FROM payments WHERE id = \(bind: payment.id)")
                    .first().map(StoredPayment.init)
                guard stored == payment else { throw WorkbenchError.paymentConflict(paymentId: payment.id) }
            }
            if created {
                try await AuditLog.append([AuditEvent(actor: actor, action: "payment_posted", subject: try account.decode(column: "customer_id", as: String.self),
                                                      details: ["payment_id": payment.id, "account_id": payment.accountId, "paid_on": payment.paidOn,
                                                                "amount_minor": String(payment.amountMinor), "currency": currency])], on: database)
            }
            let position = try await AccountRecompute(buckets: buckets).recomputeWithCase(accountId: payment.accountId, atLeastAsOf: paidOn, on: database)
            return Posted(payment: payment, created: created, position: position)
        }
    }
}
