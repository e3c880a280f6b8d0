import ArrearsCore
import SQLKit

/// An arrangement as stored, with its instalments (none for a waiver).
public struct StoredArrangement: Sendable, Equatable {
    public let id: String
    public let accountId: String
    public let customerId: String
    public let kind: ArrangementKind
    public let status: ArrangementStatus
    public let currency: Currency
    /// Plans and deferrals: the overdue amount they cover; waivers: the amount forgiven;
    /// settlements: the amount to pay.
    public let amountMinor: Int64
    /// What the authority measure is a share of: the overdue interest and fees for a waiver, the
    /// outstanding balance for a settlement, the overdue amount otherwise.
    public let basisMinor: Int64
    public let instalmentCount: Int?
    public let firstOn: LocalDate?
    public let newDueOn: LocalDate?
    public let payBy: LocalDate?
    public let reason: String?
    /// The lowest role whose limits cover the arrangement.
    public let requiredRole: Role
    public let proposedBy: String
    public let proposedOn: LocalDate
    public let decidedBy: String?
    public let decidedOn: LocalDate?
    public let decisionNote: String?
    public let activatedOn: LocalDate?
    public let settledOn: LocalDate?
    public let instalments: [Instalment]

    public init(id: String, accountId: String, customerId: String, kind: ArrangementKind, status: ArrangementStatus, currency: Currency,
                amountMinor: Int64, basisMinor: Int64, instalmentCount: Int?, firstOn: LocalDate?, newDueOn: LocalDate?, payBy: LocalDate?,
                reason: String?, requiredRole: Role, proposedBy: String, proposedOn: LocalDate, decidedBy: String?, decidedOn: LocalDate?,
                decisionNote: String?, activatedOn: LocalDate?, settledOn: LocalDate?, instalments: [Instalment]) {
        self.id = id
        self.accountId = accountId
        self.customerId = customerId
        self.kind = kind
        self.status = status
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
        self.decidedBy = decidedBy
        self.decidedOn = decidedOn
        self.decisionNote = decisionNote
        self.activatedOn = activatedOn
        self.settledOn = settledOn
        self.instalments = instalments
    }

    static let columns = """
        id, account_id, customer_id, kind, status, currency, amount_minor, basis_minor, instalment_count, first_on, new_due_on, pay_by, reason,
        required_role, proposed_by, proposed_on, decided_by, decided_on, decision_note, activated_on, settled_on
        """

    init(row: any SQLRow, instalments: [Instalment]) throws {
        func date(_ column: String) throws -> LocalDate? { try row.decodeNil(column: column) ? nil : LocalDate(iso: row.decode(column: column, as: String.self)) }
        func text(_ column: String) throws -> String? { try row.decodeNil(column: column) ? nil : row.decode(column: column, as: String.self) }
        id = try row.decode(column: "id", as: String.self)
        accountId = try row.decode(column: "account_id", as: String.self)
        customerId = try row.decode(column: "customer_id", as: String.self)
        kind = ArrangementKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .instalmentPlan
        status = ArrangementStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .proposed
        currency = Currency(code: try row.decode(column: "currency", as: String.self)) ?? .cny
        amountMinor = try row.decode(column: "amount_minor", as: Int64.self)
        basisMinor = try row.decode(column: "basis_minor", as: Int64.self)
        instalmentCount = try row.decodeNil(column: "instalment_count") ? nil : row.decode(column: "instalment_count", as: Int.self)
        firstOn = try date("first_on")
        newDueOn = try date("new_due_on")
        payBy = try date("pay_by")
        reason = try text("reason")
        requiredRole = Role(rawValue: try row.decode(column: "required_role", as: String.self)) ?? .admin
        proposedBy = try row.decode(column: "proposed_by", as: String.self)
        proposedOn = try date("proposed_on")!
        decidedBy = try text("decided_by")
        decidedOn = try date("decided_on")
        decisionNote = try text("decision_note")
        activatedOn = try date("activated_on")
        settledOn = try date("settled_on")
        self.instalments = instalments
    }

    /// The authority measure of these terms.
    public var measure: ArrangementMeasure {
        switch kind {
        case .instalmentPlan: .instalments(instalmentCount ?? 1)
        case .deferral: .deferralDays(newDueOn.map { $0.days(since: proposedOn) } ?? 0)
        case .waiver: .waiverShare(basisPoints: ArrangementMeasure.basisPoints(amountMinor, of: basisMinor))
        case .settlement: .settlementDiscount(basisPoints: ArrangementMeasure.basisPoints(basisMinor - amountMinor, of: basisMinor))
        }
    }
}
