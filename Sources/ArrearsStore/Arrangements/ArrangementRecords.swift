import ArrearsCore

/// The rows an arrangement's proposal and decision (`Arrangements`) read and write:
/// `SQLArrangementRecords` on the caller's transaction; a test may keep them in memory and check
/// the workflow's rules (authority limits, one open arrangement per account) without a database.
public protocol ArrangementRecords: Sendable {
    /// The customer and currency of the account, when it exists within `scope`; on PostgreSQL
    /// its row is locked, so that two proposals at once cannot both find none open.
    func account(_ accountId: String, scope: WorkScope) async throws -> (customerId: String, currency: String)?
    /// The id of the account's open (proposed, approved or active) arrangement, if any.
    func openArrangement(ofAccount accountId: String) async throws -> String?
    /// The account's arrangements approved, active or completed whose decision is dated on or
    /// after `since`: what a new waiver or settlement is added to (cumulative authority limits).
    func approved(ofAccount accountId: String, decidedSince since: LocalDate) async throws -> [StoredArrangement]
    /// The account's dues, by date.
    func dues(of accountId: String) async throws -> [Due]
    /// The sum of the account's payments dated up to `through`, inclusive.
    func paid(into accountId: String, through: LocalDate) async throws -> Int64
    /// Stores a proposed arrangement with its instalments.
    func insert(_ arrangement: NewArrangement, instalments: [Instalment]) async throws
    /// The arrangement within `scope`; with `locking`, its row is locked first (PostgreSQL) so
    /// that a second decision at once waits for the first.
    func find(_ id: String, scope: WorkScope, locking: Bool) async throws -> StoredArrangement?
    /// Replaces the arrangement's instalments.
    func replaceInstalments(of id: String, with instalments: [Instalment]) async throws
    /// Rewrites the account's dues (`AccountDues.apply`).
    func apply(_ changes: [DueRewrite.Change], accountId: String, arrangementId: String) async throws
    /// Records the decision on arrangement `id` if it is still proposed; false (nothing written) otherwise.
    func decide(_ id: String, _ decision: ArrangementDecision) async throws -> Bool
    /// Appends to the audit log beside the change.
    func audit(_ events: [AuditEvent]) async throws
    /// Whether the customer carries a flag of `kind` that has not been ended (a hardship claim).
    func holdsOpenFlag(_ kind: CustomerFlag.Kind, customerId: String) async throws -> Bool
}

/// An arrangement as it is proposed.
public struct NewArrangement: Sendable, Equatable {
    public let id: String
    public let accountId: String
    public let customerId: String
    public let kind: ArrangementKind
    public let currency: String
    public let amountMinor: Int64
    public let basisMinor: Int64
    public let instalmentCount: Int?
    public let firstOn: LocalDate?
    public let newDueOn: LocalDate?
    public let payBy: LocalDate?
    public let reason: String?
    public let requiredRole: Role
    public let proposedBy: String
    public let proposedOn: LocalDate

    public init(id: String, accountId: String, customerId: String, kind: ArrangementKind, currency: String, amountMinor: Int64, basisMinor: Int64,
                instalmentCount: Int?, firstOn: LocalDate?, newDueOn: LocalDate?, payBy: LocalDate?, reason: String?, requiredRole: Role,
                proposedBy: String, proposedOn: LocalDate) {
        self.id = id
        self.accountId = accountId
        self.customerId = customerId
        self.kind = kind
        self.currency = currency
        self.amountMinor = amountMinor
        self.basisMinor = basisMinor
        self.instalmentCount = instalmentCount
        self.firstOn = firstOn
        self.newDueOn = newDueOn
        self.payBy = payBy
        self.reason = reason
        self.requiredRole = requiredRole
        self.proposedBy = proposedBy
        self.proposedOn = proposedOn
    }
}

/// A decision on a proposed arrangement: `rejected`, or approved and so `active` (activated on
/// the day of the decision) or at once `completed` (settled that day).
public struct ArrangementDecision: Sendable, Equatable {
    public let status: ArrangementStatus
    /// The amount as approved (the overdue as of the decision for a plan or deferral); nil keeps it.
    public let amountMinor: Int64?
    public let decidedBy: String
    public let decidedOn: LocalDate
    public let note: String?

    public init(status: ArrangementStatus, amountMinor: Int64?, decidedBy: String, decidedOn: LocalDate, note: String?) {
        self.status = status
        self.amountMinor = amountMinor
        self.decidedBy = decidedBy
        self.decidedOn = decidedOn
        self.note = note
    }
}
