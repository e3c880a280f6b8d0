import ArrearsCore
import SQLKit

/// An account's settlement being kept or paid, as the workbench, the API and the self-service
/// page show it beside the account's position: the position owes what is left of the settlement
/// (`DueRewrite.settling`), and this says what that is short of.
public struct AccountSettlement: Sendable, Equatable {
    public let arrangementId: String
    /// `active` while it is being kept, `completed` once paid (the account settled).
    public let status: ArrangementStatus
    /// The account's currency, of every amount of `standing`.
    public let currency: String
    public let payBy: String?
    public let decidedBy: String?
    public let decidedOn: String?
    public let settledOn: String?
    public let standing: SettlementStanding

    /// The latest active or completed settlement of each of `accountIds` that has one, reading
    /// the accounts' dues and payments.
    public static func latest(of accountIds: [String], on database: any SQLDatabase) async throws -> [String: AccountSettlement] {
        var dues: [String: [Due]] = [:], payments: [String: [StoredPayment]] = [:]
        for accountId in accountIds {
            dues[accountId] = try await AccountDues.dues(of: accountId, on: database)
            payments[accountId] = try await database.raw("SELECT \(unsafeRaw: StoredPayment.columns) FROM payments WHERE account_id = \(bind: accountId)")
                .all().map(StoredPayment.init)
        }
        return try await latest(of: accountIds, dues: dues, payments: payments, on: database)
    }

    /// The latest active or completed settlement of each of `accountIds` that has one, from the
    /// accounts' current `dues` and `payments` (every payment stored, whatever its date).
    static func latest(of accountIds: [String], dues: [String: [Due]], payments: [String: [StoredPayment]],
                       on database: any SQLDatabase) async throws -> [String: AccountSettlement] {
        guard !accountIds.isEmpty else { return [:] }
        var query: SQLQueryString = """
            SELECT id, account_id, status, currency, amount_minor, pay_by, decided_by, decided_on, activated_on, settled_on FROM arrangements
            WHERE kind = \(bind: ArrangementKind.settlement.rawValue)
            AND status IN (\(bind: ArrangementStatus.active.rawValue), \(bind: ArrangementStatus.completed.rawValue)) AND account_id IN (
            """
        for (index, id) in accountIds.enumerated() {
            if index > 0 { query.appendLiteral(", ") }
            query.appendInterpolation(bind: id)
        }
        query.appendLiteral(") ORDER BY account_id, activated_on DESC, id DESC")
        var settlements: [String: AccountSettlement] = [:]
        for row in try await database.raw(query).all() {
            let accountId = try row.decode(column: "account_id", as: String.self)
            guard settlements[accountId] == nil else { continue }
            let id = try row.decode(column: "id", as: String.self)
            let activatedOn = try row.decode(column: "activated_on", as: String?.self) ?? ""
            let paid = payments[accountId] ?? []
            let unsettled = try await AccountDues.unsettled(dues[accountId] ?? [], accountId: accountId, arrangementId: id, on: database)
            let standing = SettlementStanding(amount: try row.decode(column: "amount_minor", as: Int64.self), dues: dues[accountId] ?? [],
                                              unsettledDues: unsettled, paidInAll: MinorUnits.total(paid.lazy.map(\.amountMinor)),
                                              paidAfterActivation: MinorUnits.total(paid.lazy.filter { $0.paidOn > activatedOn }.map(\.amountMinor)))
            settlements[accountId] = AccountSettlement(
                arrangementId: id, status: ArrangementStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .active,
                currency: try row.decode(column: "currency", as: String.self),
                payBy: try row.decode(column: "pay_by", as: String?.self), decidedBy: try row.decode(column: "decided_by", as: String?.self),
                decidedOn: try row.decode(column: "decided_on", as: String?.self), settledOn: try row.decode(column: "settled_on", as: String?.self),
                standing: standing)
        }
        return settlements
    }
}
