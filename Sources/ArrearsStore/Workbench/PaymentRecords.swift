import ArrearsCore

/// The rows posting a payment (`PaymentPosting`) reads and writes: `SQLPaymentRecords` keeps
/// them in the database; a test may keep them in memory and check the rules (a payment stored
/// once by its id, the same id with other content refused, the account's currency) without one.
public protocol PaymentRecords: Sendable {
    /// Runs `work` in one transaction: what it writes commits together, or nothing does when it throws.
    func transaction<T: Sendable>(_ work: @escaping @Sendable (any PaymentTransaction) async throws -> T) async throws -> T
}

/// What posting a payment reads and writes inside one transaction of `PaymentRecords`.
public protocol PaymentTransaction: Sendable {
    /// The account's customer and currency; nil when there is no such account.
    func paymentAccount(_ accountId: String) async throws -> PaymentAccount?
    /// Stores `payment` unless a payment with its id is stored already; true when this call stored it.
    func insertIfNew(_ payment: StoredPayment) async throws -> Bool
    /// The payment stored with `id`, if any.
    func payment(_ id: String) async throws -> StoredPayment?
    /// Appends to the audit log in this transaction.
    func audit(_ events: [AuditEvent]) async throws
    /// Recomputes and stores the account's position from its dues and payments, as of its stored
    /// position's date or `date` when later, and moves what its open case owes by as much
    /// (`AccountRecompute.recomputeWithCase`); the position.
    func recomputeWithCase(accountId: String, atLeastAsOf date: LocalDate) async throws -> AccountFile.Position
}

/// An account as posting a payment to it needs it.
public struct PaymentAccount: Sendable, Equatable {
    public let customerId: String
    public let currency: String

    public init(customerId: String, currency: String) {
        self.customerId = customerId
        self.currency = currency
    }
}
