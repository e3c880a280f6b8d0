import ArrearsCore
import SQLKit

/// Arrangements in the database (`arrangements`, `arrangement_instalments`, and the account's
/// dues through `AccountDues`), on the caller's `database`: run the changes in a transaction.
public struct SQLArrangementRecords: ArrangementRecords {
    public let database: any SQLDatabase

    public init(database: any SQLDatabase) { self.database = database }

    public func account(_ accountId: String, scope: WorkScope) async throws -> (customerId: String, currency: String)? {
        var query: SQLQueryString = "SELECT id, customer_id, currency FROM accounts WHERE id = \(bind: accountId)"
        query.appendInterpolation(scope.condition(customerColumn: "accounts.customer_id"))
        query.appendInterpolation(unsafeRaw: forUpdate)
        guard let row = try await database.raw(query).first() else { return nil }
        return (try row.decode(column: "customer_id", as: String.self), try row.decode(column: "currency", as: String.self))
    }

    public func openArrangement(ofAccount accountId: String) async throws -> String? {
        try await database.raw("""
            SELECT id FROM arrangements WHERE account_id = \(bind: accountId) AND status IN ('proposed', 'approved', 'active')
            """).first()?.decode(column: "id", as: String.self)
    }

    public func approved(ofAccount accountId: String, decidedSince since: LocalDate) async throws -> [StoredArrangement] {
        try await list(where: """
            account_id = \(bind: accountId) AND status IN ('approved', 'active', 'completed') AND decided_on >= \(bind: since.description)
            """, scope: .all, after: nil, limit: 10_000)
    }

    public func dues(of accountId: String) async throws -> [Due] { try await AccountDues.dues(of: accountId, on: database) }

    public func paid(into accountId: String, through: LocalDate) async throws -> Int64 {
        try await AccountDues.paid(into: accountId, through: through, on: database)
    }

    public func insert(_ new: NewArrangement, instalments: [Instalment]) async throws {
        try await database.raw("""
            INSERT INTO arrangements (id, account_id, customer_id, kind, status, currency, amount_minor, basis_minor, instalment_count,
                                      first_on, new_due_on, pay_by, reason, required_role, proposed_by, proposed_on)
            VALUES (\(bind: new.id), \(bind: new.accountId), \(bind: new.customerId), \(bind: new.kind.rawValue),
                    'proposed', \(bind: new.currency), \(bind: new.amountMinor), \(bind: new.basisMinor), \(bind: new.instalmentCount),
                    \(bind: new.firstOn?.description), \(bind: new.newDueOn?.description), \(bind: new.payBy?.description), \(bind: new.reason),
                    \(bind: new.requiredRole.rawValue), \(bind: new.proposedBy), \(bind: new.proposedOn.description))
            """).run()
        try await save(instalments, arrangementId: new.id)
    }

    public func find(_ id: String, scope: WorkScope, locking: Bool) async throws -> StoredArrangement? {
        if locking, database.dialect.name == "postgresql" {
            _ = try await database.raw("SELECT id FROM arrangements WHERE id = \(bind: id) FOR UPDATE").all()
        }
        return try await list(where: "id = \(bind: id)", scope: scope, after: nil, limit: 1).first
    }

    public func replaceInstalments(of id: String, with instalments: [Instalment]) async throws {
        try await database.raw("DELETE FROM arrangement_instalments WHERE arrangement_id = \(bind: id)").run()
        try await save(instalments, arrangementId: id)
    }

    public func apply(_ changes: [DueRewrite.Change], accountId: String, arrangementId: String) async throws {
        try await AccountDues.apply(changes, accountId: accountId, arrangementId: arrangementId, on: database)
    }

    public func decide(_ id: String, _ decision: ArrangementDecision) async throws -> Bool {
        let on = decision.decidedOn.description
        let decided: [any SQLRow]
        if decision.status == .rejected {
            decided = try await database.raw("""
                UPDATE arrangements SET status = 'rejected', decided_by = \(bind: decision.decidedBy), decided_on = \(bind: on), decision_note = \(bind: decision.note)
                WHERE id = \(bind: id) AND status = 'proposed' RETURNING id
                """).all()
        } else {
            decided = try await database.raw("""
                UPDATE arrangements SET status = \(bind: decision.status.rawValue), amount_minor = COALESCE(\(bind: decision.amountMinor), amount_minor),
                    decided_by = \(bind: decision.decidedBy), decided_on = \(bind: on), decision_note = \(bind: decision.note), activated_on = \(bind: on),
                    settled_on = \(bind: decision.status == .completed ? on : nil)
                WHERE id = \(bind: id) AND status = 'proposed' RETURNING id
                """).all()
        }
        return !decided.isEmpty
    }

    public func audit(_ events: [AuditEvent]) async throws { try await AuditLog.append(events, on: database) }

    public func holdsOpenFlag(_ kind: CustomerFlag.Kind, customerId: String) async throws -> Bool {
        try await ContactRecords.hasOpenFlag(kind, customerId: customerId, on: database)
    }

    // MARK: Reading

    /// Arrangements in id order, a page at a time, optionally only of one status or one account.
    public func list(status: ArrangementStatus?, accountId: String?, scope: WorkScope, after: String?, limit: Int) async throws -> [StoredArrangement] {
        var condition: SQLQueryString = "1 = 1"
        if let status { condition.appendInterpolation(" AND status = \(bind: status.rawValue)" as SQLQueryString) }
        if let accountId { condition.appendInterpolation(" AND account_id = \(bind: accountId)" as SQLQueryString) }
        return try await list(where: condition, scope: scope, after: after, limit: limit)
    }

    /// The arrangements of the accounts in `accountIds`, in that order and by id within each (no
    /// scope check: the caller has found the accounts within its scope).
    public func list(accountIds: [String]) async throws -> [StoredArrangement] {
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
                .append(try StoredArrangement(row: row, instalments: try await instalments(of: id)))
        }
        return accountIds.flatMap { (byAccount[$0] ?? []).sorted { $0.id < $1.id } }
    }

    /// The account's currency, or nil when there is no such account within `scope`.
    public func currency(ofAccount accountId: String, scope: WorkScope) async throws -> Currency? {
        var query: SQLQueryString = "SELECT currency FROM accounts WHERE id = \(bind: accountId)"
        query.appendInterpolation(scope.condition(customerColumn: "accounts.customer_id"))
        return try await database.raw(query).first().flatMap { Currency(code: try $0.decode(column: "currency", as: String.self)) }
    }

    private func list(where condition: SQLQueryString, scope: WorkScope, after: String?, limit: Int) async throws -> [StoredArrangement] {
        var query: SQLQueryString = "SELECT \(unsafeRaw: StoredArrangement.columns) FROM arrangements WHERE "
        query.appendInterpolation(condition)
        if let after { query.appendInterpolation(" AND id > \(bind: after)" as SQLQueryString) }
        query.appendInterpolation(scope.condition(customerColumn: "arrangements.customer_id"))
        query.appendInterpolation(" ORDER BY id LIMIT \(unsafeRaw: String(limit))" as SQLQueryString)
        var result: [StoredArrangement] = []
        for row in try await database.raw(query).all() {
            let id = try row.decode(column: "id", as: String.self)
            result.append(try StoredArrangement(row: row, instalments: try await instalments(of: id)))
        }
        return result
    }

    private func instalments(of id: String) async throws -> [Instalment] {
        try await database.raw("SELECT number, due_on, amount_minor FROM arrangement_instalments WHERE arrangement_id = \(bind: id) ORDER BY number").all().map { row in
            Instalment(number: try row.decode(column: "number", as: Int.self), dueOn: LocalDate(iso: try row.decode(column: "due_on", as: String.self))!,
                       amount: try row.decode(column: "amount_minor", as: Int64.self))
        }
    }

    private func save(_ instalments: [Instalment], arrangementId: String) async throws {
        for instalment in instalments {
            try await database.raw("""
                INSERT INTO arrangement_instalments (arrangement_id, number, due_on, amount_minor)
                VALUES (\(bind: arrangementId), \(bind: instalment.number), \(bind: instalment.dueOn.description), \(bind: instalment.amount))
                """).run()
        }
    }

    /// ` FOR UPDATE` on PostgreSQL; nothing on SQLite, whose writes run one at a time.
    private var forUpdate: String { database.dialect.name == "postgresql" ? " FOR UPDATE" : "" }
}
