import ArrearsStore
import Foundation
import XCTest

/// `arrears report kpis` prints the KPIs of a period as CSV or JSON, overall or by a dimension.
final class ReportKPIsCommandTests: XCTestCase {
    /// One customer in 上海 with a due of 10,000 on 2026-02-02, case opened 02-03 in the champion
    /// cell, 2,500 paid on 02-10; two calls by c-li-na (one reached the customer), one call task.
    private func history(_ cli: CommandRunner) async throws {
        let store = try await Store.open(.sqlite(path: cli.directory.appendingPathComponent("cli.sqlite").path))
        let sql = store.sql
        do {
            try await sql.raw("INSERT INTO customers (id, name, region, time_zone, language, credit_rating) VALUES ('C1', '王一', '上海', 'Asia/Shanghai', 'zh-CN', 'B')").run()
            try await sql.raw("INSERT INTO accounts (id, customer_id, product, currency, principal_minor, opened_on) VALUES ('A1', 'C1', 'credit_card', 'CNY', 50000, '2025-01-01')").run()
            try await sql.raw("INSERT INTO dues (account_id, due_on, principal_minor, interest_minor, fees_minor) VALUES ('A1', '2026-02-02', 10000, 0, 0)").run()
            try await sql.raw("INSERT INTO payments (id, account_id, paid_on, amount_minor, currency, channel) VALUES ('P1', 'A1', '2026-02-10', 2500, 'CNY', 'transfer')").run()
            try await sql.raw("""
                INSERT INTO cases (id, customer_id, status, opened_on, segment, cell, dpd, bucket, currency, overdue_minor, updated_on)
                VALUES ('K1', 'C1', 'open', '2026-02-03', 'standard', 'champion', 20, '16-30', 'CNY', 7500, '2026-02-20')
                """).run()
            try await sql.raw("""
                INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to)
                VALUES ('AC1', 'K1', 'C1', '2026-02-05', 'standard', '1-15', 3, 'call', 'call', 'champion', 'created', 'test', 1, 'c-li-na')
                """).run()
            try await sql.raw("""
                INSERT INTO contact_attempts (id, customer_id, channel, contact_point, attempted_at, outcome, recorded_by) VALUES
                ('T1', 'C1', 'call', 'mobile', '2026-02-05T02:00:00Z', 'no_answer', 'c-li-na'),
                ('T2', 'C1', 'call', 'mobile', '2026-02-06T02:00:00Z', 'right_party_contact', 'c-li-na')
                """).run()
        } catch { await store.shutdown(); throw error }
        await store.shutdown()
    }

    func testCSVHasTheDocumentedColumnsAndTheFigures() async throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try await history(cli)
        let result = try cli.run(["report", "kpis", "--from", "2026-02-01", "--to", "2026-02-28", "--by", "region", "--format", "csv"] + cli.databaseOption)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines[0], KPIReportWriter.columns)
        let row = Dictionary(uniqueKeysWithValues: zip(lines[0], lines[1]))
        XCTAssertEqual(row["group"], "上海")
        XCTAssertEqual(row["currency"], "CNY")
        XCTAssertEqual(row["cases_worked"], "1")
        XCTAssertEqual(row["overdue_at_entry_minor"], "10000")
        XCTAssertEqual(row["recovered_minor"], "2500")
        XCTAssertEqual(row["recovery_rate"], "0.25")
        XCTAssertEqual(row["attempts"], "2")
        XCTAssertEqual(row["right_party_contact_rate"], "0.5")
        XCTAssertEqual(row["promise_kept_rate"], "", "no promise settled: no rate")
        // One call task at config/costs.yaml's 600 fen.
        XCTAssertEqual(row["work_call"], "1")
        XCTAssertEqual(row["cost_minor"], "600")
        XCTAssertEqual(row["net_recovery_minor"], "1900")
    }

    func testJSONParsesWithNullForMissingRates() async throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try await history(cli)
        let result = try cli.run(["report", "kpis", "--from", "2026-02-01", "--to", "2026-02-28", "--format", "json"] + cli.databaseOption)
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows[0]["group"] as? String, "all")
        XCTAssertEqual(rows[0]["cure_rate"] as? Double, 0)
        XCTAssertEqual(rows[0]["recovered_minor"] as? Int, 2_500)
        XCTAssertTrue(rows[0]["promise_kept_rate"] is NSNull)
    }

    func testBadDimensionOrPeriodIsRefused() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let badBy = try cli.run(["report", "kpis", "--from", "2026-02-01", "--to", "2026-02-28", "--by", "colour"] + cli.databaseOption)
        XCTAssertEqual(badBy.status, 64)
        XCTAssertTrue(badBy.stderr.contains("colour"), badBy.stderr)
        XCTAssertTrue(badBy.stderr.contains("collector"), "the message lists the dimensions: \(badBy.stderr)")
        let backwards = try cli.run(["report", "kpis", "--from", "2026-03-01", "--to", "2026-02-28"] + cli.databaseOption)
        XCTAssertEqual(backwards.status, 64)
        XCTAssertTrue(backwards.stderr.contains("--from 2026-03-01 is after --to 2026-02-28"), backwards.stderr)
    }
}
