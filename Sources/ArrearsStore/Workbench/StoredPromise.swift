import SQLKit

/// A promise to pay as stored: `pending` until the daily run after `dueOn` settles it as `kept`,
/// `partly_kept` or `broken` with what was paid (`paidMinor`) and when (`settledOn`).
public struct StoredPromise: Sendable, Equatable {
    public let id: String
    public let caseId: String
    public let customerId: String
    public let currency: String
    public let amountMinor: Int64
    public let promisedOn: String
    public let dueOn: String
    public let status: String
    public let paidMinor: Int64?
    public let settledOn: String?

    public static let columns = "p.id, p.case_id, p.customer_id, p.currency, p.amount_minor, p.promised_on, p.due_on, p.status, p.paid_minor, p.settled_on"

    public init(id: String, caseId: String, customerId: String, currency: String, amountMinor: Int64, promisedOn: String, dueOn: String,
                status: String, paidMinor: Int64?, settledOn: String?) {
        self.id = id
        self.caseId = caseId
        self.customerId = customerId
        self.currency = currency
        self.amountMinor = amountMinor
        self.promisedOn = promisedOn
        self.dueOn = dueOn
        self.status = status
        self.paidMinor = paidMinor
        self.settledOn = settledOn
    }

    public init(_ row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        caseId = try row.decode(column: "case_id", as: String.self)
        customerId = try row.decode(column: "customer_id", as: String.self)
        currency = try row.decode(column: "currency", as: String.self)
        amountMinor = try row.decode(column: "amount_minor", as: Int64.self)
        promisedOn = try row.decode(column: "promised_on", as: String.self)
        dueOn = try row.decode(column: "due_on", as: String.self)
        status = try row.decode(column: "status", as: String.self)
        paidMinor = try row.decode(column: "paid_minor", as: Int64?.self)
        settledOn = try row.decode(column: "settled_on", as: String?.self)
    }
}
