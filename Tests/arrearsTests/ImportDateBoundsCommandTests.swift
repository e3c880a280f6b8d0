import Foundation
import XCTest

/// `arrears import` refuses payments dated in the far future or past, naming the row and column,
/// and stores nothing from the file.
final class ImportDateBoundsCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    func testPaymentsDatedInTheYear9999AndTheYear1AreRefusedWithRowAndColumn() throws {
        for (kind, lines) in [
            ("customers", ["customer_id,name,credit_rating", "C1,王芳,B"]),
            ("accounts", ["account_id,customer_id,product,currency,principal,opened_on", "A1,C1,credit_card,CNY,8000.00,2025-10-01"]),
            ("dues", ["account_id,due_on,principal,interest,fees", "A1,2026-01-05,300.00,20.00,5.00"]),
        ] {
            let result = try cli.run(["import", kind, cli.file("\(kind).csv", lines)] + cli.databaseOption)
            XCTAssertEqual(result.status, 0, "\(kind): \(result.stderr)")
        }
        let before = try cli.run(["report", "accounts", "--as-of", "2026-02-20"] + cli.databaseOption).stdout
        let bad = try cli.file("far-payments.csv", [
            "payment_id,account_id,paid_on,amount,currency,channel",
            "P1,A1,2026-01-05,325.00,CNY,alipay",
            "P2,A1,9999-12-31,1.00,CNY,alipay",
            "P3,A1,0001-01-01,1.00,CNY,alipay",
        ])
        let result = try cli.run(["import", "payments", bad] + cli.databaseOption)
        XCTAssertEqual(result.status, 1)
        let lines = result.stderrLines
        XCTAssertEqual(lines.count, 3, result.stderr)
        XCTAssertTrue(lines.first?.hasPrefix("\(bad):3: paid_on: 9999-12-31 is outside the dates allowed here (1900-01-01 to ") == true, result.stderr)
        XCTAssertTrue(lines.dropFirst().first?.hasPrefix("\(bad):4: paid_on: 0001-01-01 is outside the dates allowed here (1900-01-01 to ") == true, result.stderr)
        XCTAssertEqual(lines.last, "arrears: \(bad): rejected with 2 errors; nothing from this file was stored")
        let after = try cli.run(["report", "accounts", "--as-of", "2026-02-20"] + cli.databaseOption).stdout
        XCTAssertEqual(before, after, "the good row P1 of the rejected file was not stored either")
    }

    func testABrokenDatesFileIsAConfigurationErrorNamingTheLine() throws {
        let config = cli.directory.appendingPathComponent("config-bad", isDirectory: true)
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "bank_time_zone: Asia/Shanghai\npayment_tolerance_days: 9223372036854775807\n".write(to: config.appendingPathComponent("dates.yaml"), atomically: true, encoding: .utf8)
        let file = try cli.file("customers.csv", ["customer_id,name,credit_rating", "C1,王芳,B"])
        let result = try cli.run(["import", "customers", file, "--config", config.path] + cli.databaseOption)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("dates.yaml:2: payment_tolerance_days must be a whole number from 0 to 31"), result.stderr)
    }
}
