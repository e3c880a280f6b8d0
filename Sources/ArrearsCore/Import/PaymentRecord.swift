/// One payment received (`payments.csv`), carrying the bank's own payment id.
public struct PaymentRecord: Equatable, Sendable {
    public static let columns = ["payment_id", "account_id", "paid_on", "amount", "currency", "channel"]
    public static let requiredColumns = ["payment_id", "account_id", "paid_on", "amount", "currency"]
    public static let unknownChannel = "unknown"

    public var id: String
    public var accountId: String
    public var paidOn: LocalDate
    public var amount: Int64
    public var currency: Currency
    public var channel: String

    public init(id: String, accountId: String, paidOn: LocalDate, amount: Int64, currency: Currency, channel: String) {
        self.id = id; self.accountId = accountId; self.paidOn = paidOn; self.amount = amount
        self.currency = currency; self.channel = channel
    }

    /// Reads the row; `accountCurrency` is the account's currency when the account is known,
    /// `paidWithin` the dates a payment may have (`InputDateRules.paymentDates`: not after the
    /// bank's today).
    public init(reading row: inout FieldReader, accountCurrency: Currency?,
                paidWithin: ClosedRange<LocalDate> = LocalDate.supportedRange) throws(RowErrors) {
        let id = row.identifier("payment_id")
        let accountId = row.identifier("account_id")
        let paidOn = row.date("paid_on", within: paidWithin)
        let currency = row.currency("currency")
        if row.raw("currency").isEmpty { row.fail("currency", "is empty; the payment's currency is required") }
        if let accountCurrency, accountCurrency != currency, Currency(code: row.raw("currency")) != nil {
            row.fail("currency", "'\(currency.code)' is not the account's currency \(accountCurrency.code)")
        }
        let amount = row.amount("amount", currency: currency)
        if amount == 0, row.errors.allSatisfy({ $0.column != "amount" }) { row.fail("amount", "is zero; a payment must be more than zero") }
        let channel = row.optionalText("channel", maxLength: 32) ?? Self.unknownChannel
        guard row.errors.isEmpty else { throw RowErrors(row.errors) }
        self.init(id: id, accountId: accountId, paidOn: paidOn, amount: amount, currency: currency, channel: channel)
    }
}
