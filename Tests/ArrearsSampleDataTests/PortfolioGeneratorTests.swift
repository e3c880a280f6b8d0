import ArrearsCore
import ArrearsSampleData
import Foundation
import XCTest

final class PortfolioGeneratorTests: XCTestCase {
    private let fileNames = ["customers.csv", "accounts.csv", "dues.csv", "payments.csv"]

    func testSameSeedGivesSameFiles() throws {
        let first = try TemporaryDirectory(), second = try TemporaryDirectory()
        defer { first.remove(); second.remove() }
        let generator = PortfolioGenerator(customers: 500, seed: 7, asOf: GeneratedFiles.asOf)
        XCTAssertEqual(try generator.write(to: first.url).totalRows, try generator.write(to: second.url).totalRows)
        for name in fileNames {
            XCTAssertEqual(try Data(contentsOf: first.url.appendingPathComponent(name)),
                           try Data(contentsOf: second.url.appendingPathComponent(name)), name)
        }
    }

    func testDifferentSeedGivesDifferentFiles() throws {
        let first = try TemporaryDirectory(), second = try TemporaryDirectory()
        defer { first.remove(); second.remove() }
        _ = try PortfolioGenerator(customers: 500, seed: 7, asOf: GeneratedFiles.asOf).write(to: first.url)
        _ = try PortfolioGenerator(customers: 500, seed: 8, asOf: GeneratedFiles.asOf).write(to: second.url)
        for name in fileNames {
            XCTAssertNotEqual(try Data(contentsOf: first.url.appendingPathComponent(name)),
                              try Data(contentsOf: second.url.appendingPathComponent(name)), name)
        }
    }

    func testHeadersAreTheImportContracts() {
        let files = GeneratedFiles.standard
        XCTAssertEqual(files.customers.header.joined(separator: ","),
                       "customer_id,name,id_number,mobile,email,address,region,time_zone,language,credit_rating")
        XCTAssertEqual(files.accounts.header.joined(separator: ","), "account_id,customer_id,product,currency,principal,opened_on")
        XCTAssertEqual(files.dues.header.joined(separator: ","), "account_id,due_on,principal,interest,fees")
        XCTAssertEqual(files.payments.header.joined(separator: ","), "payment_id,account_id,paid_on,amount,currency,channel")
        XCTAssertEqual(files.customers.header, CustomerRecord.columns)
        XCTAssertEqual(files.accounts.header, AccountRecord.columns)
        XCTAssertEqual(files.dues.header, DueRecord.columns)
        XCTAssertEqual(files.payments.header, PaymentRecord.columns)
    }

    func testReportedCountsAreTheRowsWritten() {
        let files = GeneratedFiles.standard
        XCTAssertEqual(files.portfolio.customers, 3_000)
        XCTAssertEqual(files.portfolio.customers, files.customers.rows.count)
        XCTAssertEqual(files.portfolio.accounts, files.accounts.rows.count)
        XCTAssertEqual(files.portfolio.dues, files.dues.rows.count)
        XCTAssertEqual(files.portfolio.payments, files.payments.rows.count)
        XCTAssertEqual(files.portfolio.totalRows,
                       files.customers.rows.count + files.accounts.rows.count + files.dues.rows.count + files.payments.rows.count)
    }

    func testCountsAreInRealisticProportions() {
        let portfolio = GeneratedFiles.standard.portfolio
        let accounts = Double(portfolio.accounts)
        XCTAssertEqual(accounts / Double(portfolio.customers), 1.4, accuracy: 0.1, "accounts per customer")
        XCTAssertEqual(Double(portfolio.dues) / accounts, 6, accuracy: 1, "dues per account")
        XCTAssertEqual(Double(portfolio.payments) / accounts, 4, accuracy: 1, "payments per account")
    }

    func testCreatesMissingDirectoryAndReplacesExistingFiles() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let nested = temporary.url.appendingPathComponent("a/b")
        let large = try PortfolioGenerator(customers: 200, asOf: GeneratedFiles.asOf).write(to: nested)
        let small = try PortfolioGenerator(customers: 20, asOf: GeneratedFiles.asOf).write(to: nested)
        XCTAssertEqual(small.directory, nested)
        XCTAssertLessThan(small.totalRows, large.totalRows)
        XCTAssertEqual(try CSVTable(contentsOf: nested.appendingPathComponent("customers.csv")).rows.count, 20)
    }

    func testNoCustomersGivesHeadersOnly() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let portfolio = try PortfolioGenerator(customers: 0, asOf: GeneratedFiles.asOf).write(to: temporary.url)
        XCTAssertEqual(portfolio.totalRows, 0)
        let text = try String(contentsOf: temporary.url.appendingPathComponent("dues.csv"), encoding: .utf8)
        XCTAssertEqual(text, DueRecord.columns.joined(separator: ",") + "\n")
    }

    func testUnwritableDirectoryIsReported() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let file = temporary.url.appendingPathComponent("not-a-directory")
        try Data("x".utf8).write(to: file)
        XCTAssertThrowsError(try PortfolioGenerator(customers: 1, asOf: GeneratedFiles.asOf).write(to: file)) { error in
            guard case .cannotCreateDirectory = error as? PortfolioWriteError else { return XCTFail("\(error)") }
        }
    }
}
