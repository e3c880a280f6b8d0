import ArrearsCore
import ArrearsStore
import Foundation

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
        try await Self.post(payment, by: actor, records: SQLPaymentRecords(store: store, buckets: buckets))
    }

    /// `post` on `records` (the store's database, or rows a test keeps in memory).
    public static func post(_ payment: StoredPayment, by actor: String, records: any PaymentRecords) async throws -> Posted {
        guard !payment.id.isEmpty, payment.id.count <= maximumIdLength else {
            throw WorkbenchError.invalid(field: "payment_id", message: "a payment id is 1 to \(maximumIdLength) characters")
        }
        let paidOn: LocalDate
        do { paidOn = try LocalDate.parse(payment.paidOn) } catch { throw WorkbenchError.invalid(field: "paid_on", message: "paid_on \(error.description)") }
        guard payment.amountMinor > 0 else { throw WorkbenchError.invalid(field: "amount", message: "a payment must be more than zero") }
        guard !payment.channel.isEmpty, payment.channel.count <= 32 else {
            throw WorkbenchError.invalid(field: "channel", message: "channel is 1 to 32 characters")
        }
        return try await records.transaction { rows in
            guard let account = try await rows.paymentAccount(payment.accountId) else {
                throw WorkbenchError.notFound(field: "account_id", id: payment.accountId)
            }
            let currency = account.currency
            guard payment.currency == currency else {
                throw WorkbenchError.invalid(field: "currency", message: "account \(payment.accountId) is in \(currency), not \(payment.currency)")
            }
            let created = try await rows.insertIfNew(payment)
            if !created {
                guard try await rows.payment(payment.id) == payment else { throw WorkbenchError.paymentConflict(paymentId: payment.id) }
            }
            if created {
                try await rows.audit([AuditEvent(actor: actor, action: "payment_posted", subject: account.customerId,
                                                 details: ["payment_id": payment.id, "account_id": payment.accountId, "paid_on": payment.paidOn,
                                                           "amount_minor": String(payment.amountMinor), "currency": currency])])
            }
            let position = try await rows.recomputeWithCase(accountId: payment.accountId, atLeastAsOf: paidOn)
            return Posted(payment: payment, created: created, position: position)
        }
    }
}
