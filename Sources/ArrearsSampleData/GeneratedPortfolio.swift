import Foundation

/// What `PortfolioGenerator.write(to:)` wrote: the number of data rows in each file (headers
/// not counted) and the directory holding `customers.csv`, `accounts.csv`, `dues.csv` and
/// `payments.csv`.
public struct GeneratedPortfolio: Sendable, Equatable {
    public let customers: Int, accounts: Int, dues: Int, payments: Int
    public let directory: URL

    public var totalRows: Int { customers + accounts + dues + payments }
}
