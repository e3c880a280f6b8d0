import Foundation
import XCTest

/// `arrears run-day --strategy config/strategy.optimised.yaml` after `arrears import actions` and
/// `arrears model train --target response` (issue 27): the optimised cell values the channels by
/// the active response model's answers, `report actions` shows them, and the run's summary names
/// the model; on SQLite and PostgreSQL.
final class OptimisedRunDayResponseModelCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    /// 300 customers with a mobile number who paid 1,000 a month through December 2025 and then
    /// stopped; each got one action between 10 January and 30 April 2026, a call or no contact
    /// drawn at random (logged at 0.5). After a call a customer pays 1,000 within 20 days with a
    /// chance of 90%, after no contact 5%: a call is worth about 850 yuan, where the stand-in
    /// (`BaselineRepaymentForecast`) values it at about 200 for these customers.
    private func world() throws -> [String: String] {
        try RandomisedHistory.write(to: cli, customers: 300, seed: 11, channels: ["call", "none"], propensity: "0.5", mobile: true,
                                    repayment: { $0 == "call" ? 0.9 : 0.05 })
    }

    private func load(_ files: [String: String], into db: [String], kinds: [String] = ["customers", "accounts", "dues", "payments", "actions"]) throws {
        for kind in kinds {
            let result = try cli.run(["import", kind, files[kind] ?? ""] + db)
            XCTAssertEqual(result.status, 0, "\(kind): \(result.stderr)")
        }
    }

    /// Runs the optimised strategy on 30 June 2026 and returns the summary and the report's rows.
    private func runOptimised(_ db: [String]) throws -> (summary: String, rows: [[String: Any]]) {
        let run = try cli.run(["run-day", "--date", "2026-06-30", "--strategy", "config/strategy.optimised.yaml"] + db)
        XCTAssertEqual(run.status, 0, run.stderr)
        let report = try cli.run(["report", "actions", "--date", "2026-06-30", "--format", "json"] + db)
        XCTAssertEqual(report.status, 0, report.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 300, "one row per case")
        return (run.stderr, rows)
    }

    /// The expected values of the allocated calls (not drawn at random).
    private func allocatedCalls(_ rows: [[String: Any]]) throws -> [Double] {
        try rows.filter { $0["channel"] as? String == "call" && $0["propensity"] as? String == "1" }.map { row in
            try XCTUnwrap(Double(row["expected_value"] as? String ?? ""), "\(row)")
        }
    }

    private func checkTheModelValues(_ db: [String], _ name: String, files: [String: String]) throws {
        try load(files, into: db)
        let train = try cli.run(["model", "train", "--target", "response", "--as-of", "2026-06-30"] + db)
        XCTAssertEqual(train.status, 0, "\(name): \(train.stderr)")
        XCTAssertTrue(train.stdout.hasPrefix("response-v1: response, t-learner, active"), train.stdout)

        let (summary, rows) = try runOptimised(db)
        XCTAssertTrue(summary.contains("optimised: 300 cases"), "\(name): \(summary)")
        XCTAssertTrue(summary.contains("; response model response-v1"), "\(name): the summary names the model: \(summary)")
        XCTAssertFalse(summary.contains("baseline responses"), "\(name): the model answered every case: \(summary)")

        // 300 customers, 370 calls a day: every case but those drawn at random is called.
        let calls = try allocatedCalls(rows)
        XCTAssertGreaterThan(calls.count, 250, "\(name): the model calls the customers")
        for value in calls {
            XCTAssertTrue((600...1000).contains(value), "\(name): a call is worth about 850 yuan less its 6 yuan to the model: \(value)")
        }
        for row in rows where row["propensity"] as? String == "1" && row["channel"] as? String != "none" {
            XCTAssertNotNil((row["alternative_value"] as? String).flatMap(Double.init), "\(name): \(row)")
        }
    }

    func testTheActiveResponseModelValuesTheChannelsAndTheReportShowsItsValuesOnSQLite() async throws {
        let files = try world()
        try checkTheModelValues(cli.databaseOption, "sqlite", files: files)

        // The same book and history without a response model: the stand-in values a call to
        // every customer at about 200 yuan.
        let standIn = ["--database", "sqlite:" + cli.directory.appendingPathComponent("stand-in.sqlite").path]
        try load(files, into: standIn)
        let (summary, rows) = try runOptimised(standIn)
        XCTAssertTrue(summary.contains("baseline responses (no response model is active)"), summary)
        for value in try allocatedCalls(rows) {
            XCTAssertLessThan(value, 400, "the stand-in values a call at about 200 yuan: \(value)")
        }
    }

    func testTheActiveResponseModelValuesTheChannelsOnPostgreSQL() async throws {
        guard let url = PostgresCommandSupport.url() else { throw XCTSkip("ARREARS_TEST_POSTGRES_URL is not set") }
        try await PostgresCommandSupport.fresh(url)
        try checkTheModelValues(["--database", url], "postgres", files: try world())
    }
}
