import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTest

/// Payments and dues dated far away are refused, all or nothing, with the row and column named,
/// so that one bad row cannot move an account's position to another day.
final class ImportDateBoundsTests: XCTestCase {
    /// 2026-12-06 at noon in Shanghai.
    static let now = Date(timeIntervalSince1970: 1_796_529_600)

    private func importing(_ store: Store, _ kind: ImportKind, _ path: String, rules: InputDateRules = InputDateRules()) async throws -> (rejected: Bool, issues: [String]) {
        let collector = IssueLines()
        var importer = PortfolioImporter(store: store)
        importer.dateRules = rules
        importer.now = Self.now
        do {
            _ = try await importer.importFile(kind, path: path) { collector.add($0.description) }
            return (false, collector.lines)
        } catch is ImportRejected {
            return (true, collector.lines)
        }
    }

    private func prepare(_ store: Store, _ files: CSVFiles) async throws {
        for (kind, lines) in [
            (ImportKind.customers, ["customer_id,name,credit_rating", "C1,王芳,B"]),
            (.accounts, ["account_id,customer_id,product,currency,principal,opened_on", "A1,C1,personal_loan,CNY,3000,2025-01-01"]),
            (.dues, ["account_id,due_on,principal,interest,fees", "A1,2026-10-01,100.00,10.00,5.00"]),
        ] {
            let result = try await importing(store, kind, try files.write("\(kind.rawValue).csv", lines))
            XCTAssertFalse(result.rejected, "\(result.issues)")
        }
    }

    func testPaymentsDatedInTheYear9999OrTheYear1AreRefusedWithRowAndColumnAndNothingIsStored() async throws {
        try await TestDatabases.each { store, database in
            let files = try CSVFiles(); defer { files.remove() }
            try await prepare(store, files)
            let path = try files.write("payments.csv", [
                "payment_id,account_id,paid_on,amount,currency,channel",
                "P1,A1,2026-11-01,10.00,CNY,alipay",
                "P2,A1,9999-12-31,10.00,CNY,alipay",
                "P3,A1,0001-01-01,10.00,CNY,alipay",
                "P4,A1,2026-12-07,10.00,CNY,alipay",
                "P5,A1,2026-12-06,10.00,CNY,alipay",
            ])
            let result = try await importing(store, .payments, path)
            XCTAssertTrue(result.rejected, database)
            XCTAssertEqual(result.issues, [
                "\(path):3: paid_on: 9999-12-31 is outside the dates allowed here (1900-01-01 to 2026-12-06)",
                "\(path):4: paid_on: 0001-01-01 is outside the dates allowed here (1900-01-01 to 2026-12-06)",
                "\(path):5: paid_on: 2026-12-07 is outside the dates allowed here (1900-01-01 to 2026-12-06)",
            ], database)
            let payments = try await store.count("payments")
            XCTAssertEqual(payments, 0, "\(database): not even the good rows")
            let lenient = try await importing(store, .payments, path, rules: InputDateRules(paymentToleranceDays: 1))
            XCTAssertEqual(lenient.issues.count, 2, "\(database): a day's tolerance lets 2026-12-07 in: \(lenient.issues)")
        }
    }

    func testDuesBeyondTheLongestLoanTermAreRefused() async throws {
        try await TestDatabases.each { store, database in
            let files = try CSVFiles(); defer { files.remove() }
            try await prepare(store, files)
            let path = try files.write("dues.csv", [
                "account_id,due_on,principal,interest,fees",
                "A1,2066-12-06,100.00,0,0",
                "A1,2066-12-07,100.00,0,0",
                "A1,9999-12-31,100.00,0,0",
                "A1,1899-12-31,100.00,0,0",
            ])
            let result = try await importing(store, .dues, path)
            XCTAssertEqual(result.issues, [
                "\(path):3: due_on: 2066-12-07 is outside the dates allowed here (1900-01-01 to 2066-12-06)",
                "\(path):4: due_on: 9999-12-31 is outside the dates allowed here (1900-01-01 to 2066-12-06)",
                "\(path):5: due_on: 1899-12-31 is outside the dates allowed here (1900-01-01 to 2066-12-06)",
            ], database)
            let dues = try await store.count("dues")
            XCTAssertEqual(dues, 1, "\(database): only the one imported before")
        }
    }

    func testAnAccountOpenedOutsideTheSupportedDatesIsRefused() async throws {
        try await TestDatabases.each { store, database in
            let files = try CSVFiles(); defer { files.remove() }
            let customers = try await importing(store, .customers, try files.write("customers.csv", ["customer_id,name,credit_rating", "C1,王芳,B"]))
            XCTAssertFalse(customers.rejected, database)
            let path = try files.write("accounts.csv", ["account_id,customer_id,product,currency,principal,opened_on", "A1,C1,personal_loan,CNY,3000,2200-01-01"])
            let result = try await importing(store, .accounts, path)
            XCTAssertEqual(result.issues, ["\(path):2: opened_on: 2200-01-01 is outside the dates Arrears accepts (1900-01-01 to 2199-12-31)"], database)
        }
    }
}

private final class IssueLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}
