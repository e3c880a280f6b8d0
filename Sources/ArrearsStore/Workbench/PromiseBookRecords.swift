import ArrearsCore

/// The rows taking a promise to pay (`PromiseBook`) reads and writes: `SQLPromiseBookRecords`
/// keeps them in the database; a test may keep them in memory and check the rules (an open case
/// in the promise's currency with something overdue, a due date within the limit, one pending
/// promise per case) without one.
public protocol PromiseBookRecords: Sendable {
    /// Runs `work` in one transaction: what it writes commits together, or nothing does when it throws.
    func transaction<T: Sendable>(_ work: @escaping @Sendable (any PromiseBookTransaction) async throws -> T) async throws -> T
}

/// What taking a promise reads and writes inside one transaction of `PromiseBookRecords`.
public protocol PromiseBookTransaction: Sendable {
    /// The case as a promise needs it, if it exists and its customer is within `scope`. On
    /// PostgreSQL the case row is locked until the transaction ends, so that two promises taken
    /// at once cannot both find none pending.
    func promiseCase(_ caseId: String, scope: WorkScope) async throws -> PromiseCase?
    /// The id of the case's pending promise, if it has one.
    func pendingPromise(ofCase caseId: String) async throws -> String?
    /// Stores `promise`; the promise as stored.
    func insert(_ promise: StoredPromise) async throws -> StoredPromise
    /// Appends to the audit log in this transaction.
    func audit(_ events: [AuditEvent]) async throws
}

/// A case as taking a promise on it needs it.
public struct PromiseCase: Sendable, Equatable {
    public let customerId: String
    /// `open` or `closed`.
    public let status: String
    public let currency: String
    /// What the case owed at the last daily run.
    public let caseOverdueMinor: Int64
    /// What is overdue on the positions stored for the customer's accounts; nil when none is stored.
    public let positionsOverdueMinor: Int64?

    public init(customerId: String, status: String, currency: String, caseOverdueMinor: Int64, positionsOverdueMinor: Int64?) {
        self.customerId = customerId
        self.status = status
        self.currency = currency
        self.caseOverdueMinor = caseOverdueMinor
        self.positionsOverdueMinor = positionsOverdueMinor
    }
}
