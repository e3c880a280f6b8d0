/// One account as the bank sends it (`accounts.csv`). Whether the customer exists is checked by
/// the importer, which knows the database.
public struct AccountRecord: Equatable, Sendable {
    public static let columns = ["account_id", "customer_id", "product", "currency", "principal", "opened_on"]
    /// Columns a file may add: `written_off_on`, the date the lender wrote the account off.
    public static let optionalColumns = ["written_off_on"]
    public static let requiredColumns = ["account_id", "customer_id", "product", "principal", "opened_on"]

    public var id: String
    public var customerId: String
    public var product: Product
    public var currency: Currency
    public var principal: Int64
    public var openedOn: LocalDate
    /// Written off (charged off) on this date: no longer collected, its case closes.
    public var writtenOffOn: LocalDate?

    public init(id: String, customerId: String, product: Product, currency: Currency, principal: Int64, openedOn: LocalDate,
                writtenOffOn: LocalDate? = nil) {
        self.id = id; self.customerId = customerId; self.product = product; self.currency = currency
        self.principal = principal; self.openedOn = openedOn; self.writtenOffOn = writtenOffOn
    }

    public init(reading row: inout FieldReader) throws(RowErrors) {
        let id = row.identifier("account_id")
        let customerId = row.identifier("customer_id")
        let product = row.oneOf("product", Product.self)
        let currency = row.currency("currency")
        let principal = row.amount("principal", currency: currency)
        let openedOn = row.date("opened_on")
        let writtenOffOn = row.raw("written_off_on").isEmpty ? nil : row.date("written_off_on")
        if let writtenOffOn, writtenOffOn < openedOn { row.fail("written_off_on", "\(writtenOffOn) is before the account was opened (\(openedOn))") }
        guard row.errors.isEmpty, let product else { throw RowErrors(row.errors) }
        self.init(id: id, customerId: customerId, product: product, currency: currency, principal: principal, openedOn: openedOn,
                  writtenOffOn: writtenOffOn)
    }
}
