import Foundation
import XCTest

final class ImportAndReportCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    private func importGoodPortfolio() throws {
        let files = [
            ("customers", ["customer_id,name,id_number,mobile,email,address,region,time_zone,language,credit_rating",
                           "C1,王芳,,13800138000,,,上海,,,B", "C2,Tom Lee,,,tom@example.com,,,Asia/Hong_Kong,en,D"]),
            ("accounts", ["account_id,customer_id,product,currency,principal,opened_on",
                          "A1,C1,credit_card,CNY,8000.00,2025-10-01", "A2,C2,personal_loan,JPY,500000,2025-09-01",
                          "A3,C1,corporate_loan,CNY,1000000.00,2025-01-01"]),
            ("dues", ["account_id,due_on,principal,interest,fees",
                      "A1,2026-01-05,300.00,20.00,5.00", "A1,2026-02-05,300.00,20.00,0",
                      "A2,2025-10-01,50000,2000,0", "A2,2025-11-01,50000,2000,0", "A3,2026-03-01,100000.00,0,0"]),
            ("payments", ["payment_id,account_id,paid_on,amount,currency,channel",
                          "P1,A1,2026-01-05,325.00,CNY,alipay", "P2,A2,2025-10-20,30000,JPY,counter"]),
        ]
        for (kind, lines) in files {
            let result = try cli.run(["import", kind, cli.file("\(kind).csv", lines)] + cli.databaseOption)
            XCTAssertEqual(result.status, 0, "\(kind): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("imported \(lines.count - 1) \(kind) rows"), result.stderr)
        }
    }

    func testReportAccountsAsCsvFollowsTheContract() throws {
        try importGoodPortfolio()
        let report = try cli.run(["report", "accounts", "--as-of", "2026-02-20"] + cli.databaseOption)
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertEqual(report.stdout, """
            account_id,customer_id,product,currency,dpd,bucket,overdue_amount,outstanding_amount
            A1,C1,credit_card,CNY,15,1-15,320.00,320.00
            A2,C2,personal_loan,JPY,142,91-180,74000,74000
            A3,C1,corporate_loan,CNY,0,current,0.00,100000.00

            """)
    }

    func testReportAccountsAsJson() throws {
        try importGoodPortfolio()
        let report = try cli.run(["report", "accounts", "--as-of", "2026-03-02", "--format", "json"] + cli.databaseOption)
        XCTAssertEqual(report.status, 0, report.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(Set(rows[0].keys), ["account_id", "customer_id", "product", "currency", "dpd", "bucket", "overdue_amount", "outstanding_amount"])
        XCTAssertEqual(rows[2]["dpd"] as? Int, 1)
        XCTAssertEqual(rows[2]["bucket"] as? String, "1-15")
        XCTAssertEqual(rows[2]["overdue_amount"] as? String, "100000.00")
    }

    func testBadFileIsRejectedWithRowErrorsAndNothingStored() throws {
        try importGoodPortfolio()
        let before = try cli.run(["report", "accounts", "--as-of", "2026-02-20"] + cli.databaseOption).stdout
        let bad = try cli.file("bad-payments.csv", [
            "payment_id,account_id,paid_on,amount,currency,channel",
            "P3,A1,2026-02-06,320.00,CNY,alipay",
            "P4,A404,2026-02-06,1.00,CNY,alipay",
            "P5,A1,2026-02-31,1.00,CNY,alipay",
            "P3,A1,2026-02-07,1.00,CNY,alipay",
        ])
        let result = try cli.run(["import", "payments", bad] + cli.databaseOption)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderrLines, [
            "\(bad):3: account_id: unknown account 'A404'; import it in accounts first",
            "\(bad):4: paid_on: '2026-02-31' is not a date YYYY-MM-DD",
            "\(bad):5: payment_id: duplicate payment_id 'P3' in the file (first on row 2)",
            "arrears: \(bad): rejected with 3 errors; nothing from this file was stored",
        ])
        let after = try cli.run(["report", "accounts", "--as-of", "2026-02-20"] + cli.databaseOption).stdout
        XCTAssertEqual(before, after, "the good row P3 of the rejected file was not stored either")
    }

    func testImportingTheSameFilesTwiceChangesNothing() throws {
        try importGoodPortfolio()
        let first = try cli.run(["report", "accounts", "--as-of", "2026-02-20", "--format", "json"] + cli.databaseOption).stdout
        try importGoodPortfolio()
        let second = try cli.run(["report", "accounts", "--as-of", "2026-02-20", "--format", "json"] + cli.databaseOption).stdout
        XCTAssertEqual(first, second)
    }

    func testMissingFileAndBadDatabaseUrlAreClearErrors() throws {
        let missing = try cli.run(["import", "customers", "/nonexistent/customers.csv"] + cli.databaseOption)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("/nonexistent/customers.csv:1: cannot open /nonexistent/customers.csv"), missing.stderr)
        let badURL = try cli.run(["migrate", "--database", "mysql://localhost/x"])
        XCTAssertEqual(badURL.status, 64)
        XCTAssertTrue(badURL.stderr.contains("neither sqlite:PATH nor postgres://"), badURL.stderr)
        let badKind = try cli.run(["import", "loans", "x.csv"])
        XCTAssertEqual(badKind.status, 64)
    }

    func testGenerateImportAndRecomputeASamplePortfolio() throws {
        let generate = try cli.run(["generate", "--customers", "300", "--out", "sample", "--seed", "3", "--as-of", "2026-06-30"])
        XCTAssertEqual(generate.status, 0, generate.stderr)
        for kind in ["customers", "accounts", "dues", "payments"] {
            let result = try cli.run(["import", kind, "sample/\(kind).csv"] + cli.databaseOption)
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        let recompute = try cli.run(["recompute", "--as-of", "2026-06-30"] + cli.databaseOption)
        XCTAssertEqual(recompute.status, 0, recompute.stderr)
        let report = try cli.run(["report", "accounts", "--as-of", "2026-06-30"] + cli.databaseOption)
        let rows = report.stdout.split(separator: "\n").dropFirst()
        XCTAssertGreaterThan(rows.count, 300)
        let buckets = Set(rows.map { $0.split(separator: ",")[5] })
        XCTAssertEqual(buckets, ["current", "1-15", "16-30", "31-60", "61-90", "91-180", "181+"], "the sample populates every bucket")
    }
}
