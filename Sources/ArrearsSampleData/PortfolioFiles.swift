import ArrearsCore
import Foundation

/// The four CSV files of a sample portfolio, with the header of each taken from the import
/// record that reads it (`CustomerRecord.columns` and so on), and one method per kind of row
/// that writes the fields in that order.
struct PortfolioFiles {
    static let customersFile = "customers.csv"
    static let accountsFile = "accounts.csv"
    static let duesFile = "dues.csv"
    static let paymentsFile = "payments.csv"

    private let directory: URL
    private var customers: CSVFileWriter
    private var accounts: CSVFileWriter
    private var dues: CSVFileWriter
    private var payments: CSVFileWriter

    /// Creates `directory` if it is missing and the four files in it, replacing any that exist.
    init(directory: URL) throws(PortfolioWriteError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: directory.path, reason: "\(error)")
        }
        self.directory = directory
        customers = try CSVFileWriter(url: directory.appendingPathComponent(Self.customersFile), columns: CustomerRecord.columns)
        accounts = try CSVFileWriter(url: directory.appendingPathComponent(Self.accountsFile), columns: AccountRecord.columns)
        dues = try CSVFileWriter(url: directory.appendingPathComponent(Self.duesFile), columns: DueRecord.columns)
        payments = try CSVFileWriter(url: directory.appendingPathComponent(Self.paymentsFile), columns: PaymentRecord.columns)
    }

    mutating func write(_ customer: SampleCustomer) throws(PortfolioWriteError) {
        customers.identifier(.customer, customer.number)
        customers.text(customer.name)
        customers.text(customer.idNumber)
        customers.text(customer.mobile)
        customers.text(customer.email)
        customers.text(customer.address)
        customers.text(customer.region)
        customers.text(customer.timeZone)
        customers.text(Array(customer.language.rawValue.utf8))
        customers.text(Array(customer.rating.rawValue.utf8))
        try customers.endRow()
    }

    mutating func write(_ account: SampleAccount) throws(PortfolioWriteError) {
        accounts.identifier(.account, account.number)
        accounts.identifier(.customer, account.customerNumber)
        accounts.text(Array(account.product.rawValue.utf8))
        accounts.text(account.currency.code)
        accounts.amount(account.principal, minorDigits: account.currency.minorDigits)
        accounts.date(account.openedOn)
        try accounts.endRow()
    }

    mutating func write(_ due: Due, of account: SampleAccount) throws(PortfolioWriteError) {
        let digits = account.currency.minorDigits
        dues.identifier(.account, account.number)
        dues.date(due.dueOn)
        dues.amount(due.principal, minorDigits: digits)
        dues.amount(due.interest, minorDigits: digits)
        dues.amount(due.fees, minorDigits: digits)
        try dues.endRow()
    }

    mutating func write(_ payment: SamplePayment, number: Int, of account: SampleAccount) throws(PortfolioWriteError) {
        payments.identifier(.payment, number)
        payments.identifier(.account, account.number)
        payments.date(payment.paidOn)
        payments.amount(payment.amount, minorDigits: account.currency.minorDigits)
        payments.text(account.currency.code)
        payments.text(payment.channel.name)
        try payments.endRow()
    }

    /// Writes out what is buffered, closes the files and counts their rows.
    mutating func close() throws(PortfolioWriteError) -> GeneratedPortfolio {
        try customers.close()
        try accounts.close()
        try dues.close()
        try payments.close()
        return GeneratedPortfolio(customers: customers.rows, accounts: accounts.rows, dues: dues.rows, payments: payments.rows, directory: directory)
    }
}
