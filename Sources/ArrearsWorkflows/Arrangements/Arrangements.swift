import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// Proposes, approves, rejects and reads arrangements. Every change is audited in the caller's
/// transaction; run each call inside `Store.transaction`.
///
/// Amounts are judged as of the end of `today`: payments dated on or before it count. Approval
/// activates at once (the `approved` status is passed through, and the audit entry records
/// both): a plan or deferral rewrites the account's dues (`DueRewrite.replacingOverdue`), a
/// waiver forgives its amount and is completed, a settlement leaves its amount owed on the oldest
/// dues (`DueRewrite.settling`) until it is paid or broken.
///
/// Authority limits are cumulative: a waiver or settlement is judged with the account's earlier
/// ones approved within the window (`AuthorityLimits.cumulative`), when proposed and again when
/// approved. Kinds under four eyes (`AuthorityLimits.fourEyes`) are never approved by their
/// proposer, and a rejection always states its reason.
public enum Arrangements {
    /// Who acts, with the role whose authority limits apply.
    public struct Actor: Sendable {
        public let name: String
        public let role: Role
        public let scope: WorkScope

        public init(name: String, role: Role, scope: WorkScope) {
            self.name = name
            self.role = role
            self.scope = scope
        }
    }

    /// Proposes `terms` for the account; approved at once when they are within the proposer's
    /// own limits. Refused (`ArrangementError`) when the account is unknown or outside the
    /// proposer's work, already has an open arrangement, the terms are invalid, or they are
    /// beyond every role's limits.
    public static func propose(accountId: String, terms: ArrangementTerms, reason: String?, by actor: Actor, today: LocalDate,
                               limits: AuthorityLimits, on database: any SQLDatabase) async throws -> StoredArrangement {
        try await propose(accountId: accountId, terms: terms, reason: reason, by: actor, today: today, limits: limits,
                          records: SQLArrangementRecords(database: database))
    }

    /// `propose` on `records`.
    public static func propose(accountId: String, terms: ArrangementTerms, reason: String?, by actor: Actor, today: LocalDate,
                               limits: AuthorityLimits, records: any ArrangementRecords) async throws -> StoredArrangement {
        guard let account = try await records.account(accountId, scope: actor.scope) else {
            throw ArrangementError.notFound(field: "account_id", message: "there is no such account")
        }
        if let open = try await records.openArrangement(ofAccount: accountId) {
            throw ArrangementError.invalid(field: "account_id", message: "the account already has an open arrangement, \(open)")
        }
        let dues = try await records.dues(of: accountId)
        let paid = try await records.paid(into: accountId, through: today)
        let quote = try Quote(terms: terms, reason: reason, dues: dues, paid: paid, today: today)
        let prior = try await priorMeasures(of: accountId, today: today, limits: limits, records: records)
        guard let required = limits.lowestRole(covering: quote.measure, prior: prior) else {
            try limits.check(quote.measure, prior: prior, role: limits.roles.last?.role ?? .admin)
            throw ArrangementError.invalid(field: "terms", message: "no role may approve these terms")
        }
        let id = "ARR-" + UUID().uuidString.lowercased()
        var firstOn: LocalDate?, newDueOn: LocalDate?, payBy: LocalDate?, count: Int?
        switch terms {
        case .instalmentPlan(let instalments, let first): count = instalments; firstOn = first
        case .deferral(let newDue): newDueOn = newDue
        case .settlement(_, let by): payBy = by
        case .waiver: break
        }
        try await records.insert(NewArrangement(id: id, accountId: accountId, customerId: account.customerId, kind: terms.kind, currency: account.currency,
                                                amountMinor: quote.amount, basisMinor: quote.basis, instalmentCount: count, firstOn: firstOn,
                                                newDueOn: newDueOn, payBy: payBy, reason: reason, requiredRole: required, proposedBy: actor.name,
                                                proposedOn: today),
                                 instalments: quote.instalments)
        try await records.audit([AuditEvent(actor: actor.name, action: "arrangement.propose", subject: id, details: [
            "account_id": accountId, "kind": terms.kind.rawValue, "amount_minor": String(quote.amount), "required_role": required.rawValue,
        ])])
        // A role without limits (a customer asking through the gateway) approves nothing itself,
        // and under four eyes nobody approves their own proposal.
        if !limits.needsSecondApprover(terms.kind), let own = limits.limits(for: actor.role) {
            if own.exceeded(by: AuthorityLimits.cumulative(quote.measure, prior: prior)) == nil {
                return try await approve(id: id, note: "within the proposer's own authority", by: actor, today: today, limits: limits, records: records)
            }
            // Hardship (issue 24): forbearance within the hardship allowance for a customer whose
            // hardship claim is open is agreed at once, without the usual escalation.
            if let allowance = limits.hardshipForbearance, allowance.covers(quote.measure),
               try await records.holdsOpenFlag(.hardship, customerId: account.customerId) {
                return try await approve(id: id, note: "hardship forbearance within the hardship allowance", by: actor, today: today, limits: limits,
                                         records: records, hardship: true)
            }
        }
        return try await stored(id, records)
    }

    /// Approves and activates a proposed arrangement, when `actor`'s role's limits cover it with
    /// the account's earlier ones in the window added, and (under four eyes) `actor` did not propose it.
    public static func approve(id: String, note: String?, by actor: Actor, today: LocalDate, limits: AuthorityLimits,
                               on database: any SQLDatabase) async throws -> StoredArrangement {
        try await approve(id: id, note: note, by: actor, today: today, limits: limits, records: SQLArrangementRecords(database: database))
    }

    /// `approve` on `records`.
    public static func approve(id: String, note: String?, by actor: Actor, today: LocalDate, limits: AuthorityLimits,
                               records: any ArrangementRecords) async throws -> StoredArrangement {
        try await approve(id: id, note: note, by: actor, today: today, limits: limits, records: records, hardship: false)
    }

    /// `approve`; with `hardship`, within the hardship allowance (`propose` has checked it)
    /// rather than the approver's own limits.
    private static func approve(id: String, note: String?, by actor: Actor, today: LocalDate, limits: AuthorityLimits,
                                records: any ArrangementRecords, hardship: Bool) async throws -> StoredArrangement {
        let arrangement = try await proposed(id, scope: actor.scope, records)
        let prior = try await priorMeasures(of: arrangement.accountId, today: today, limits: limits, records: records)
        if !hardship { try limits.check(arrangement.measure, prior: prior, role: actor.role) }
        if limits.needsSecondApprover(arrangement.kind), arrangement.proposedBy == actor.name {
            throw ArrangementError.sameApprover(message: "\(actor.name) proposed this \(arrangement.kind.rawValue.replacingOccurrences(of: "_", with: " ")); another approver must decide it (four eyes)")
        }
        let dues = try await records.dues(of: arrangement.accountId)
        let paid = try await records.paid(into: arrangement.accountId, through: today)
        var amount = arrangement.amountMinor
        var status = ArrangementStatus.active
        switch arrangement.kind {
        case .instalmentPlan, .deferral:
            amount = DueRewrite.overdue(dues: dues, paid: paid, on: today).amount
            guard amount > 0 else { throw ArrangementError.invalid(field: "account_id", message: "nothing is overdue on the account any more") }
            let instalments = arrangement.kind == .deferral
                ? [Instalment(number: 1, dueOn: arrangement.newDueOn!, amount: amount)]
                : try InstalmentPlan.make(total: amount, count: arrangement.instalmentCount ?? 1, firstDate: arrangement.firstOn!, today: today)
            try await records.replaceInstalments(of: id, with: instalments)
            try await records.apply(DueRewrite.replacingOverdue(dues: dues, paid: paid, on: today, with: instalments),
                                    accountId: arrangement.accountId, arrangementId: id)
        case .waiver:
            try await records.apply(try DueRewrite.waiving(amount, dues: dues, paid: paid, on: today), accountId: arrangement.accountId, arrangementId: id)
            status = .completed
        case .settlement:
            let outstanding = MinorUnits.adding(MinorUnits.total(dues.lazy.map(\.amount)), -paid)
            guard amount < outstanding, let payBy = arrangement.payBy else {
                throw ArrangementError.invalid(field: "amount", message: "the settlement is no longer less than the \(max(0, outstanding)) minor units outstanding")
            }
            try await records.apply(DueRewrite.settling(amount, dues: dues, paid: paid, on: today, payBy: payBy), accountId: arrangement.accountId, arrangementId: id)
        }
        guard try await records.decide(id, ArrangementDecision(status: status, amountMinor: amount, decidedBy: actor.name, decidedOn: today, note: note)) else {
            throw decidedMeanwhile
        }
        var details = ["account_id": arrangement.accountId, "role": actor.role.rawValue, "status": status.rawValue, "amount_minor": String(amount)]
        if hardship { details["hardship_allowance"] = "true" }
        try await records.audit([AuditEvent(actor: actor.name, action: "arrangement.approve", subject: id, details: details)])
        return try await stored(id, records)
    }

    /// Rejects a proposed arrangement, for the reason given in `note` (required); any role with
    /// authority limits may.
    public static func reject(id: String, note: String?, by actor: Actor, today: LocalDate, limits: AuthorityLimits,
                              on database: any SQLDatabase) async throws -> StoredArrangement {
        try await reject(id: id, note: note, by: actor, today: today, limits: limits, records: SQLArrangementRecords(database: database))
    }

    /// `reject` on `records`.
    public static func reject(id: String, note: String?, by actor: Actor, today: LocalDate, limits: AuthorityLimits,
                              records: any ArrangementRecords) async throws -> StoredArrangement {
        guard let reason = note?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
            throw ArrangementError.invalid(field: "note", message: "a rejection needs a reason")
        }
        let arrangement = try await proposed(id, scope: actor.scope, records)
        guard limits.limits(for: actor.role) != nil else {
            throw ArrangementError.beyondAuthority(role: actor.role, limit: AuthorityLimits.limit(of: arrangement.measure),
                                                   message: "the role \(actor.role.rawValue) has no authority to decide arrangements")
        }
        guard try await records.decide(id, ArrangementDecision(status: .rejected, amountMinor: nil, decidedBy: actor.name, decidedOn: today, note: reason)) else {
            throw decidedMeanwhile
        }
        try await records.audit([AuditEvent(actor: actor.name, action: "arrangement.reject", subject: id, details: ["account_id": arrangement.accountId, "reason": reason])])
        return try await stored(id, records)
    }

    /// The arrangement, or nil when there is none within `scope`.
    public static func find(id: String, scope: WorkScope, on database: any SQLDatabase) async throws -> StoredArrangement? {
        try await SQLArrangementRecords(database: database).find(id, scope: scope, locking: false)
    }

    /// Arrangements in id order, a page at a time, optionally only of one status or one account.
    public static func list(status: ArrangementStatus?, accountId: String?, scope: WorkScope, after: String?, limit: Int,
                            on database: any SQLDatabase) async throws -> [StoredArrangement] {
        try await SQLArrangementRecords(database: database).list(status: status, accountId: accountId, scope: scope, after: after, limit: limit)
    }

    /// The arrangements of the accounts in `accountIds`, in that order and by id within each (no
    /// scope check: the caller has found the accounts within its scope).
    public static func list(accountIds: [String], on database: any SQLDatabase) async throws -> [StoredArrangement] {
        try await SQLArrangementRecords(database: database).list(accountIds: accountIds)
    }

    /// The arrangement `id` while it is still proposed, else `wrongStatus`. On PostgreSQL its row
    /// is locked first: a second decision at once (the same approval sent twice, or another
    /// approver's) waits for the first to commit and then finds it decided; SQLite runs one
    /// write at a time. The decision's own update checks the status once more.
    private static func proposed(_ id: String, scope: WorkScope, _ records: any ArrangementRecords) async throws -> StoredArrangement {
        guard let arrangement = try await records.find(id, scope: scope, locking: true) else {
            throw ArrangementError.notFound(field: "id", message: "there is no such arrangement")
        }
        guard arrangement.status == .proposed else {
            throw ArrangementError.wrongStatus(arrangement.status, message: "the arrangement is \(arrangement.status.rawValue), not proposed")
        }
        return arrangement
    }

    /// The measures of the account's arrangements approved within the window ending `today`.
    static func priorMeasures(of accountId: String, today: LocalDate, limits: AuthorityLimits,
                                      records: any ArrangementRecords) async throws -> [ArrangementMeasure] {
        try await records.approved(ofAccount: accountId, decidedSince: limits.windowStart(endingOn: today)).map(\.measure)
    }

    /// The arrangement just written, read back.
    private static func stored(_ id: String, _ records: any ArrangementRecords) async throws -> StoredArrangement {
        guard let arrangement = try await records.find(id, scope: .all, locking: false) else {
            throw ArrangementError.notFound(field: "id", message: "there is no such arrangement")
        }
        return arrangement
    }

    /// The refusal of a decision whose arrangement was decided since it was read.
    private static let decidedMeanwhile = ArrangementError.wrongStatus(.proposed, message: "the arrangement was decided meanwhile")
}

extension Arrangements {
    /// The account's currency, or nil when there is no such account within `scope`.
    public static func currency(ofAccount accountId: String, scope: WorkScope, on database: any SQLDatabase) async throws -> Currency? {
        try await SQLArrangementRecords(database: database).currency(ofAccount: accountId, scope: scope)
    }
}
