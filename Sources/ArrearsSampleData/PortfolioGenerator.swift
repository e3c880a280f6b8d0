import ArrearsCore
import Foundation

/// Generates a realistic, deterministic sample portfolio as the four CSV files Arrears imports
/// (`customers.csv`, `accounts.csv`, `dues.csv`, `payments.csv`), for demos and benchmarks.
///
/// The same `customers`, `seed` and `asOf` always give byte-identical files. Customers hold
/// about 1.4 accounts each, accounts about 6 dues and 4 payments; every row passes the import
/// validators of `ArrearsCore`, and as of `asOf` about a third of accounts are delinquent, with
/// every bucket of `BucketScheme.standard` populated once there are a few thousand customers.
/// See `SampleCustomer`, `SampleAccount`, `RepaymentSchedule` and `PaymentBehaviour` for what
/// the data looks like.
///
/// Writing streams: memory stays flat (four buffers of about 1 MiB) whatever the size, and a
/// release build writes 1,000,000 accounts in a few seconds.
public struct PortfolioGenerator: Sendable {
    public let customers: Int
    public let seed: UInt64
    public let asOf: LocalDate

    public init(customers: Int, seed: UInt64 = 42, asOf: LocalDate) {
        precondition(customers >= 0, "the number of customers cannot be negative")
        self.customers = customers
        self.seed = seed
        self.asOf = asOf
    }

    /// Writes the four files into `directory` (created if missing; existing files are
    /// replaced) and says how many rows each got.
    public func write(to directory: URL) throws -> GeneratedPortfolio {
        var files = try PortfolioFiles(directory: directory)
        var random = SampleRandom(seed: seed)
        var accountNumber = 0
        var paymentNumber = 0
        for customerNumber in stride(from: 1, through: customers, by: 1) {
            let customer = SampleCustomer(number: customerNumber, asOf: asOf, random: &random)
            try files.write(customer)
            // A customer's accounts mostly share one way of paying: who stops paying one loan
            // usually stops paying the others.
            let usualBehaviour = PaymentBehaviour.draw(for: customer.rating, using: &random)
            for index in 0..<SampleAccount.accountsPerCustomer.draw(using: &random) {
                accountNumber += 1
                let account = SampleAccount(number: accountNumber, customer: customer, index: index, asOf: asOf, random: &random)
                try files.write(account)
                let dues = RepaymentSchedule.dues(for: account, asOf: asOf, random: &random)
                for due in dues { try files.write(due, of: account) }
                let behaviour = random.chance(perMille: 750) ? usualBehaviour : PaymentBehaviour.draw(for: customer.rating, using: &random)
                for payment in behaviour.payments(for: dues, in: account.currency, asOf: asOf, random: &random) {
                    paymentNumber += 1
                    try files.write(payment, number: paymentNumber, of: account)
                }
            }
        }
        return try files.close()
    }
}
