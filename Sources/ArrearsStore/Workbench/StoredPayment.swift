import SQLKit

/// A payment as stored, keyed by the bank's own payment id.
public struct StoredPayment: Sendable, Equatable {
    public let id: String
    public let accountId: String
    public let paidOn: String
    public let amountMinor: Int64
    public let currency: String
    public let channel: String

    public init(id: String, accountId: String, paidOn: String, amountMinor: Int64, currency: String, channel: String) {
        self.id = id
        self.accountId = accountId
        self.paidOn = paidOn
        self.amountMinor = amountMinor
        self.currency = currency
        self.channel = channel
    }

    public static let columns = "id, account_id, paid_on, amount_minor, currency, channel"

    public init(_ row: any SQLRow) throws {
        self.init(id: try row.decode(column: "id", as: String.self), accountId: try row.decode(column: "account_id", as: String.self),
                  paidOn: try row.decode(column: "paid_on", as: String.self), amountMinor: try row.decode(column: "amount_minor", as: Int64.self),
                  currency: try row.decode(column: "currency", as: String.self), channel: try row.decode(column: "channel", as: String.self))
    }
}
