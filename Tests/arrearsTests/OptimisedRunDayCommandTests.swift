import Foundation
import XCTest

/// `arrears run-day --strategy config/strategy.optimised.yaml` and `arrears report actions` on
/// the binary (issue 27, "Decide by it"): an optimised case never gets a channel the default
/// strategy's rules forbid it, every case gets one row (channel `none` when no contact is chosen),
/// and the report's last columns say why, in the case's currency.
final class OptimisedRunDayCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    private func actions(_ db: [String]) throws -> [[String: Any]] {
        let report = try cli.run(["report", "actions", "--date", "2026-06-30", "--format", "json"] + db)
        XCTAssertEqual(report.status, 0, report.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [[String: Any]])
    }

    func testTheOptimisedStrategyKeepsWithinTheRulesAndTheReportSaysWhy() async throws {
        try checkOptimisedRun(cli.database("optimised.sqlite"))

        // The default strategy's rows leave the new columns empty.
        let plain = cli.database("default.sqlite")
        try cli.importSample(into: plain)
        XCTAssertEqual(try cli.run(["run-day", "--date", "2026-06-30"] + plain).status, 0)
        for row in try actions(plain) {
            XCTAssertEqual([row["expected_value"], row["alternative"], row["alternative_value"], row["propensity"]].map { $0 as? String }, ["", "", "", ""])
        }
    }

    func testTheOptimisedStrategyOnPostgreSQL() async throws {
        guard let url = PostgresCommandSupport.url() else { throw XCTSkip("ARREARS_TEST_POSTGRES_URL is not set") }
        try await PostgresCommandSupport.fresh(url)
        try checkOptimisedRun(["--database", url])
    }

    private func checkOptimisedRun(_ db: [String]) throws {
        try cli.importSample(into: db)
        let run = try cli.run(["run-day", "--date", "2026-06-30", "--strategy", "config/strategy.optimised.yaml"] + db)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("optimised: "), run.stderr)
        XCTAssertTrue(run.stderr.contains("baseline responses (no response model is active)"), run.stderr)

        let rows = try actions(db)
        XCTAssertGreaterThan(rows.count, 100)
        var channels: [String: Int] = [:]
        for row in rows {
            let channel = row["channel"] as? String ?? "", segment = row["segment"] as? String ?? "", status = row["status"] as? String ?? ""
            let dpd = (row["dpd"] as? NSNumber)?.intValue ?? -1
            let what = "\(row["case_id"] ?? "") (\(segment), \(dpd) days): \(channel)"
            XCTAssertEqual(row["cell"] as? String, "optimised", what)
            XCTAssertTrue(["created", "held"].contains(status), "an optimised case is never offered what the pack blocks: \(what) \(status)")
            channels[channel, default: 0] += 1
            if status == "held" { continue }
            switch channel {
            case "visit": XCTAssertTrue(dpd >= 31 && segment != "prime", what)
            case "legal_review": XCTAssertTrue(dpd >= 91 && segment == "high_risk", what)
            case "letter": XCTAssertTrue(dpd >= 61 && segment != "prime", what)
            case "call": XCTAssertGreaterThanOrEqual(dpd, 16, what)
            case "sms": XCTAssertLessThanOrEqual(dpd, 15, what)
            case "email": XCTAssertTrue(dpd <= 10 && segment == "prime", what)
            case "none": XCTAssertEqual(row["treatment"] as? String, "no_contact", what)
            default: XCTFail("unknown channel: \(what)")
            }
            let value = try XCTUnwrap(row["expected_value"] as? String, what)
            XCTAssertNotNil(value.range(of: #"^-?\d+(\.\d+)?$"#, options: .regularExpression), "a decimal in the case's currency: \(value)")
            let propensity = try XCTUnwrap(row["propensity"] as? String, what)
            XCTAssertTrue(propensity == "1" || propensity.hasPrefix("0."), what)
            if channel != "none" {
                XCTAssertFalse((row["alternative"] as? String ?? "").isEmpty, what)
                XCTAssertNotNil((row["alternative_value"] as? String)?.range(of: #"^-?\d+(\.\d+)?$"#, options: .regularExpression), what)
            }
        }
        XCTAssertGreaterThan(channels["none", default: 0], 0, "cases beyond the teams' capacity get no contact, on a row of their own")
        XCTAssertGreaterThan(channels["call", default: 0], 0)
        XCTAssertGreaterThan(channels["sms", default: 0], 0)
    }

    func testABadOptimisePlanStopsTheRunNamingTheField() throws {
        let db = cli.database("bad.sqlite")
        let text = try String(contentsOf: cli.directory.appendingPathComponent("config/strategy.optimised.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "horizon_days: 30", with: "horizon_days: 0")
        try text.write(to: cli.directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let run = try cli.run(["run-day", "--date", "2026-06-30", "--strategy", "bad.yaml"] + db)
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("cell 'optimised': optimise: horizon_days must be a whole number from 1 to 365"), run.stderr)
    }
}
