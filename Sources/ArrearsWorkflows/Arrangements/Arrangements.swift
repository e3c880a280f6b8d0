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
/// waiver forgives its amount and is completed, a settlement waits for its payment.
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
        var query: SQLQueryString = "SELECT id, customer_id, currency FROM accounts WHERE id = \(bind: accountId)"
        query.appendInterpolation(actor.scope.condition(customerColumn: "accounts.customer_id"))
        // One open arrangement per account: on PostgreSQL the account is locked, so that two
        // proposals at once cannot both find none open (SQLite runs one write at a time).
        query.appendInterpolation(unsafeRaw: forUpdate(database))
        guard let account = try await database.raw(query).first() else {
            throw ArrangementError.notFound(field: "account_id", message: "there is no such account")
        }
        if let open = try await database.raw("""
            SELECT id FROM arrangements WHERE account_id = \(bind: accountId) AND status IN ('proposed', 'approved', 'active')
            """).first() {
            throw ArrangementError.invalid(field: "account_id", message: "the account already has an open arrangement, \(try open.decode(column: "id", as: String.self))")
        }
        let dues = try await AccountDues.dues(of: accountId, on: database)
        let paid = try await AccountDues.paid(into: accountId, through: today, on: database)
        let quote = try Quote(terms: terms, reason: reason, dues: dues, paid: paid, today: today)
        guard let required = limits.lowestRole(covering: quote.measure) else {
            try limits.check(quote.measure, role: limits.roles.last?.role ?? .admin)
            throw ArrangementError.invalid(field: "terms", message: "no role may approve these terms")
        }
        let id = "ARR-" + UUID().uuidString.lowercased()
        func date(_ value: LocalDate?) -> String? { value?.description }
        var firstOn: LocalDate?, newDueOn: LocalDate?, payBy: LocalDate?, count: Int?
        switch terms {
        case .instalmentPlan(let instalments, let first): count = instalments; firstOn = first
        case .deferral(let newDue): newDueOn = newDue
        case .settlement(_, let by): payBy = by
        case .waiver: break
        }
        try await database.raw("""
            INSERT INTO arrangements (id, account_id, customer_id, kind, status, currency, amount_minor, basis_minor, instalment_count,
                                      first_on, new_due_on, pay_by, reason, required_role, proposed_by, proposed_on)
            VALUES (\(bind: id), \(bind: accountId), \(bind: try account.decode(column: "customer_id", as: String.self)), \(bind: terms.kind.rawValue),
                    'proposed', \(bind: try account.decode(column: "currency", as: String.self)), \(bind: quote.amount), \(bind: quote.basis), \(bind: count),
                    \(bind: date(firstOn)), \(bind: date(newDueOn)), \(bind: date(payBy)), \(bind: reason), \(bind: required.rawValue),
                    \(bind: actor.name), \(bind: today.description))
            """).run()
        try await saveInstalments(quote.instalments, arrangementId: id, on: database)
        try await AuditLog.append([AuditEvent(actor: actor.name, action: "arrangement.propose", subject: id, details: [
            "account_id": accountId, "kind": terms.kind.rawValue, "amount_minor": String(quote.amount), "required_role": required.rawValue,
        ])], on: database)
        // A role without limits (a customer asking through the gateway) approves nothing itself.
        if let own = limits.limits(for: actor.role), own.exceeded(by: quote.measure) == nil {
            return try await approve(id: id, note: "within the proposer's own authority", by: actor, today: today, limits: limits, on: database)
        }
        return try await find(id: id, scope: .all, on: database)!
    }

    /// Approves and activates a proposed arrangement, when `actor`'s role's limits cover it.
    public static func approve(id: String, note: String?, by actor: Actor, today: LocalDate, limits: AuthorityLimits,
                               on database: any SQLDatabase) async throws -> StoredArrangement {
        let arrangement = try await proposed(id, scope: actor.scope, on: database)
        try limits.check(arrangement.measure, role: actor.role)
        let dues = try await AccountDues.dues(of: arrangement.accountId, on: database)
        let paid = try await AccountDues.paid(into: arrangement.accountId, through: today, on: database)
        var amount = arrangement.amountMinor
        var status = ArrangementStatus.active
        switch arrangement.kind {
        case .instalmentPlan, .deferral:
            amount = DueRewrite.overdue(dues: dues, paid: paid, on: today).amount
            guard amount > 0 else { throw ArrangementError.invalid(field: "account_id", message: "nothing is overdue on the account any more") }
            let instalments = arrangement.kind == .deferral
                ? [Instalment(number: 1, dueOn: arrangement.newDueOn!, amount: amount)]
                : try InstalmentPlan.make(total: amount, count: arrangement.instalmentCount ?? 1, firstDate: arrangement.firstOn!, today: today)
            try await database.raw("DELETE FROM arrangement_instalments WHERE arrangement_id = \(bind: id)").run()
            try await saveInstalments(instalments, arrangementId: id, on: database)
            try await AccountDues.apply(DueRewrite.replacingOverdue(dues: dues, paid: paid, on: today, with: instalments),
                                        accountId: arrangement.accountId, arrangementId: id, on: database)
        case .waiver:
            try await AccountDues.apply(try DueRewrite.waiving(amount, dues: dues, paid: paid, on: today),
                                        accountId: arrangement.accountId, arrangementId: id, on: database)
            status = .completed
        case .settlement:
            break
        }
        let decided = try await database.raw("""
            UPDATE arrangements SET status = \(bind: status.rawValue), amount_minor = \(bind: amount), decided_by = \(bind: actor.name),
                decided_on = \(bind: today.description), decision_note = \(bind: note), activated_on = \(bind: today.description),
                settled_on = \(bind: status == .completed ? today.description : nil)
            WHERE id = \(bind: id) AND status = 'proposed' RETURNING id
            """).all()
        guard !decided.isEmpty else { throw decidedMeanwhile }
        try await AuditLog.append([AuditEvent(actor: actor.name, action: "arrangement.approve", subject: id, details: [
            "account_id": arrangement.accountId, "role": actor.role.rawValue, "status": status.rawValue, "amount_minor": String(amount),
        ])], on: database)
        return try await find(id: id, scope: .all, on: database)!
    }

    /// Rejects a proposed arrangement; any role with authority limits may.
    public static func reject(id: String, note: String?, by actor: Actor, today: LocalDate, limits: AuthorityLimits,
                              on database: any SQLDatabase) async throws -> StoredArrangement {
        let arrangement = try await proposed(id, scope: actor.scope, on: database)
        guard limits.limits(for: actor.role) != nil else {
            throw ArrangementError.beyondAuthority(role: actor.role, limit: AuthorityLimits.limit(of: arrangement.measure),
                                                   message: "the role \(actor.role.rawValue) has no authority to decide arrangements")
        }
        let decided = try await database.raw("""
            UPDATE arrangements SET status = 'rejected', decided_by = \(bind: actor.name), decided_on = \(bind: today.description), decision_note = \(bind: note)
            WHERE id = \(bind: id) AND status = 'proposed' RETURNING id
            """).all()
        guard !decided.isEmpty else { throw decidedMeanwhile }
        try await AuditLog.append([AuditEvent(actor: actor.name, action: "arrangement.reject", subject: id, details: ["account_id": arrangement.accountId])],
                                  on: database)
        return try await find(id: id, scope: .all, on: database)!
    }

    /// The arrangement, or nil when there is none within `scope`.
    public static func find(id: String, scope: WorkScope, on database: any SQLDatabase) async throws -> StoredArrangement? {
        try await list(where: "id = \(bind: id)", scope: scope, after: nil, limit: 1, on: database).first
    }

    /// Arrangements in id order, a page at a time, optionally only of one status or one account.
    public static func list(status: ArrangementStatus?, accountId: String?, scope: WorkScope, after: String?, limit: Int,
                            on database: any SQLDatabase) async throws -> [StoredArrangement] {
        var condition: SQLQueryString = "1 = 1"
        if let status { condition.appendInterpolation(" AND status = \(bind: status.rawValue)" as SQLQueryString) }
        if let accountId { condition.appendInterpolation(" AND account_id = \(bind: accountId)" as SQLQueryString) }
        return try await list(where: condition, scope: scope, after: after, limit: limit, on: database)
    }

    /// The arrangements of the accounts in `accountIds`, in that order and by id within each (no
    /// scope check: the caller has found the accounts within its scope).
    public static func list(accountIds: [String], on database: any SQLDatabase) async throws -> [StoredArrangement] {
        guard !accountIds.isEmpty else { return [] }
        var query: SQLQueryString = "SELECT \(unsafeRaw: StoredArrangement.columns) FROM arrangements WHERE account_id IN ("
        for (index, id) in accountIds.enumerated() {
            if index > 0 { query.appendLiteral(", ") }
            query.appendInterpolation(bind: id)
        }
        query.appendLiteral(")")
        var byAccount: [String: [StoredArrangement]] = [:]
        for row in try await database.raw(query).all() {
            let id = try row.decode(column: "id", as: String.self)
            byAccount[try row.decode(column: "account_id", as: String.self), default: []]
                .append(try StoredArrangement(row: row, instalments: try await instalments(of: id, on: database)))
        }
        return accountIds.flatMap { (byAccount[$0] ?? []).sorted { $0.id < $1.id } }
    }

    private static func list(where condition: SQLQueryString, scope: WorkScope, after: String?, limit: Int,
                             on database: any SQLDatabase) async throws -> [StoredArrangement] {
        var query: SQLQueryString = "SELECT \(unsafeRaw: StoredArrangement.columns) FROM arrangements WHERE "
        query.appendInterpolation(condition)
        if let after { query.appendInterpolation(" AND id > \(bind: after)" as SQLQueryString) }
        query.appendInterpolation(scope.condition(customerColumn: "arrangements.customer_id"))
        query.appendInterpolation(" ORDER BY id LIMIT \(unsafeRaw: String(limit))" as SQLQueryString)
        var result: [StoredArrangement] = []
        for row in try await database.raw(query).all() {
            let id = try row.decode(column: "id", as: String.self)
            result.append(try StoredArrangement(row: row, instalments: try await instalments(of: id, on: database)))
        }
        return result
    }

    static func instalments(of id: String, on database: any SQLDatabase) async throws -> [Instalment] {
        try await database.raw("SELECT number, due_on, amount_minor FROM arrangement_instalments WHERE arrangement_id = \(bind: id) ORDER BY number").all().map { row in
            Instalment(number: try row.decode(column: "number", as: Int.self), dueOn: LocalDate(iso: try row.decode(column: "due_on", as: String.self))!,
                       amount: try row.decode(column: "amount_minor", as: Int64.self))
        }
    }

    private static func saveInstalments(_ instalments: [Instalment], arrangementId: String, on database: any SQLDatabase) async throws {
        for instalment in instalments {
            try await database.raw("""
                INSERT INTO arrangement_instalments (arrangement_id, number, due_on, amount_minor)
                VALUES (\(bind: arrangementId), \(bind: instalment.number), \(bind: instalment.dueOn.description), \(bind: instalment.amount))
                """).run()
        }
    }

    /// The arrangement `id` while it is still proposed, else `wrongStatus`. On PostgreSQL its row
    /// is locked first: a second decision at once (the same approval sent twice, or another
    /// approver's) waits for the first to commit and then finds it decided; SQLite runs one
    /// write at a time. The decision's own update checks the status once more.
    private static func proposed(_ id: String, scope: WorkScope, on database: any SQLDatabase) async throws -> StoredArrangement {
        if database.dialect.name == "postgresql" {
            _ = try await database.raw("SELECT id FROM arrangements WHERE id = \(bind: id) FOR UPDATE").all()
        }
        guard let arrangement = try await find(id: id, scope: scope, on: database) else {
            throw ArrangementError.notFound(field: "id", message: "there is no such arrangement")
        }
        guard arrangement.status == .proposed else {
            throw ArrangementError.wrongStatus(arrangement.status, message: "the arrangement is \(arrangement.status.rawValue), not proposed")
        }
        return arrangement
    }

    /// The refusal of a decision whose arrangement was decided since it was read.
    private static let decidedMeanwhile = ArrangementError.wrongStatus(.proposed, message: "the arrangement was decided meanwhile")

    /// ` FOR UPDATE` on PostgreSQL; nothing on SQLite, whose writes run one at a time.
    static func forUpdate(_ database: any SQLDatabase) -> String {
        database.dialect.name == "postgresql" ? " FOR UPDATE" : ""
    }
}

extension Arrangements {
    /// The account's currency, or nil when there is no such account within `scope`.
    public static func currency(ofAccount accountId: String, scope: WorkScope, on database: any SQLDatabase) async throws -> Currency? {
        var query: SQLQueryString = "SELECT currency FROM accounts WHERE id = \(bind: accountId)"
        query.appendInterpolation(scope.condition(customerColumn: "accounts.customer_id"))
        return try await database.raw(query).first().flatMap { Currency(code: try $0.decode(column: "currency", as: String.self)) }
    }
}
