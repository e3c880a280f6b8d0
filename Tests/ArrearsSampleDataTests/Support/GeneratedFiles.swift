import ArrearsCore
import ArrearsSampleData
import Foundation

/// A sample portfolio generated into a temporary directory, read back into memory, and the
/// directory removed.
struct GeneratedFiles: Sendable {
    static let asOf = LocalDate(iso: "2026-03-31")!

    /// 3,000 customers with the default seed: enough for every bucket and proportion to show,
    /// generated once for all the tests that only read it.
    static let standard = try! GeneratedFiles(customers: 3_000)

    let portfolio: GeneratedPortfolio
    let customers: CSVTable
    let accounts: CSVTable
    let dues: CSVTable
    let payments: CSVTable

    init(customers count: Int, seed: UInt64 = 42) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        portfolio = try PortfolioGenerator(customers: count, seed: seed, asOf: Self.asOf).write(to: directory.url)
        customers = try CSVTable(contentsOf: directory.url.appendingPathComponent("customers.csv"))
        accounts = try CSVTable(contentsOf: directory.url.appendingPathComponent("accounts.csv"))
        dues = try CSVTable(contentsOf: directory.url.appendingPathComponent("dues.csv"))
        payments = try CSVTable(contentsOf: directory.url.appendingPathComponent("payments.csv"))
    }

    /// Each account's currency, by account id.
    var accountCurrencies: [String: Currency] {
        Dictionary(uniqueKeysWithValues: accounts.rows.map {
            (accounts.value("account_id", in: $0), Currency(code: accounts.value("currency", in: $0))!)
        })
    }
}

/// A fresh directory under the system's temporary directory.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("arrears-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
