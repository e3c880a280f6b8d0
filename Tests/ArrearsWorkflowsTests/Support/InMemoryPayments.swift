import ArrearsCore
import ArrearsStore
import Foundation

/// Accounts with their dues, payments and positions kept in memory, with the audit actions
/// written. A transaction that throws leaves them as they were, as the database's does. A
/// position is recomputed by the core's rule (`AccountPosition`) without breathing spaces; what
/// an open case owes is the database's to move (`AccountRecompute`, tested in `WorkbenchStoreTests`).
final class InMemoryPayments: PaymentRecords, PaymentTransaction, @unchecked Sendable {
    private struct Rows {
        var accounts: [String: PaymentAccount] = [:]
        var dues: [String: [Due]] = [:]
        var payments: [String: StoredPayment] = [:]
        var positions: [String: AccountFile.Position] = [:]
        var audit: [String] = []
    }

    let buckets: BucketScheme
    private let lock = NSLock()
    private var rows = Rows()

    init(buckets: BucketScheme = .standard) { self.buckets = buckets }

    /// Account `accountId` of `customerId` in CNY with `dues`.
    func addAccount(_ accountId: String, customerId: String = "C1", dues: [Due]) {
        lock.withLock {
            rows.accounts[accountId] = PaymentAccount(customerId: customerId, currency: "CNY")
            rows.dues[accountId] = dues
        }
    }

    var payments: [StoredPayment] { lock.withLock { rows.payments.values.sorted { $0.id < $1.id } } }
    var auditActions: [String] { lock.withLock { rows.audit } }
    func position(of accountId: String) -> AccountFile.Position? { lock.withLock { rows.positions[accountId] } }

    func transaction<T: Sendable>(_ work: @escaping @Sendable (any PaymentTransaction) async throws -> T) async throws -> T {
        let before = lock.withLock { rows }
        do { return try await work(self) } catch {
            lock.withLock { rows = before }
            throw error
        }
    }

    func paymentAccount(_ accountId: String) async throws -> PaymentAccount? { lock.withLock { rows.accounts[accountId] } }

    func insertIfNew(_ payment: StoredPayment) async throws -> Bool {
        lock.withLock {
            guard rows.payments[payment.id] == nil else { return false }
            rows.payments[payment.id] = payment
            return true
        }
    }

    func payment(_ id: String) async throws -> StoredPayment? { lock.withLock { rows.payments[id] } }

    func audit(_ events: [AuditEvent]) async throws { lock.withLock { rows.audit += events.map(\.action) } }

    func recomputeWithCase(accountId: String, atLeastAsOf date: LocalDate) async throws -> AccountFile.Position {
        lock.withLock {
            let asOf = max(rows.positions[accountId].flatMap { LocalDate(iso: $0.asOf) } ?? date, date)
            let paid = rows.payments.values.filter { $0.accountId == accountId }.compactMap { payment in
                LocalDate(iso: payment.paidOn).flatMap { $0 <= asOf ? PaymentAmount(paidOn: $0, amount: payment.amountMinor) : nil }
            }
            let computed = AccountPosition(dues: rows.dues[accountId] ?? [], payments: paid, asOf: asOf)
            let position = AccountFile.Position(asOf: asOf.description, dpd: computed.daysPastDue,
                                                bucket: buckets.bucket(forDaysPastDue: computed.daysPastDue).name, overdueMinor: computed.overdue,
                                                outstandingMinor: computed.outstanding, creditMinor: computed.credit,
                                                oldestUnpaidDueOn: computed.oldestUnpaidDueOn?.description)
            rows.positions[accountId] = position
            return position
        }
    }
}
