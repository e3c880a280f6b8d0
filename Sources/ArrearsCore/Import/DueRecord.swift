/// One amount falling due (`dues.csv`): identified by account and due date, so that a re-sent
/// schedule updates rather than duplicates.
public struct DueRecord: Equatable, Sendable {
    public static let columns = ["account_id", "due_on", "principal", "interest", "fees"]
    public static let requiredColumns = ["account_id", "due_on", "principal"]

    public var accountId: String
    public var due: Due

    public init(accountId: String, due: Due) {
        self.accountId = accountId
        self.due = due
    }

    /// Reads the row with amounts in `currency`, the account's own (`nil` when the account is
    /// unknown: amounts are then only checked to be numbers), due within `dueWithin`
    /// (`InputDateRules.dueDates`: not beyond the longest loan term ahead).
    public init(reading row: inout FieldReader, currency: Currency?, dueWithin: ClosedRange<LocalDate> = LocalDate.supportedRange) throws(RowErrors) {
        let accountId = row.identifier("account_id")
        let dueOn = row.date("due_on", within: dueWithin)
        // A constant code in `Currency`'s table: no input reaches this unwrap.
        let amountCurrency = currency ?? Currency(code: "BHD")!
        let principal = row.amount("principal", currency: amountCurrency)
        let interest = row.amount("interest", currency: amountCurrency, emptyMeansZero: true)
        let fees = row.amount("fees", currency: amountCurrency, emptyMeansZero: true)
        guard row.errors.isEmpty else { throw RowErrors(row.errors) }
        self.init(accountId: accountId, due: Due(dueOn: dueOn, principal: principal, interest: interest, fees: fees))
    }
}
