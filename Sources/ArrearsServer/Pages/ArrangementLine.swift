import ArrearsCore
import ArrearsStore

/// One arrangement as the case page and the supervisor's page show it: kind and status in the
/// page's language, amounts in the account's currency, the role whose limits it needs, and the
/// instalments the calculator made (none for a waiver).
struct ArrangementLine {
    struct InstalmentLine {
        let number: Int
        let dueOn: String
        let amount: String
    }

    let id: String
    let accountId: String
    let customerId: String
    let kind: String
    let status: String
    let statusCode: String
    let amount: String
    let currency: String
    let requiredRole: String
    let proposedBy: String
    let proposedOn: String
    let reason: String?
    let decisionNote: String?
    let instalments: [InstalmentLine]

    init(_ a: StoredArrangement, words t: [String: String]) {
        func money(_ minor: Int64) -> String { DecimalAmount.format(minor, minorDigits: a.currency.minorDigits) }
        id = a.id; accountId = a.accountId; customerId = a.customerId
        kind = t["wb_arr_kind_" + a.kind.rawValue] ?? a.kind.rawValue
        status = t["wb_arr_status_" + a.status.rawValue] ?? a.status.rawValue
        statusCode = a.status.rawValue
        amount = money(a.amountMinor); currency = a.currency.code; requiredRole = a.requiredRole.rawValue
        proposedBy = a.proposedBy; proposedOn = a.proposedOn.description; reason = a.reason; decisionNote = a.decisionNote
        instalments = a.instalments.map { InstalmentLine(number: $0.number, dueOn: $0.dueOn.description, amount: money($0.amount)) }
    }
}
