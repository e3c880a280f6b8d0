import Foundation
import XCTest

/// `arrears evaluate` (issue 27, "Off-policy evaluation"): from a randomised history with a known
/// effect of each channel, the doubly robust estimate of what another strategy would have
/// recovered covers the truth in each of its cells; a history with no variation is refused with
/// a clear message; bad options are named. On SQLite and PostgreSQL.
final class EvaluateCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    /// The strategy evaluated: customers of cell `calls` are called from their first day overdue,
    /// those of cell `quiet` get nothing.
    private func strategy() throws -> String {
        try cli.file("calls-or-quiet.yaml", [
            "version: \"evaluate-test\"",
            "cell_salt: evaluate",
            "segments:",
            "  - { segment: standard }",
            "treatments:",
            "  - { name: call, channel: call, cells: [calls], min_days: 1, cadence_days: 1 }",
            "visit_policy: { min_overdue: 5000, min_days: 31 }",
            "hold_policy: { promise_grace_days: 3 }",
            "cells:",
            "  - { name: calls, percent: 50 }",
            "  - { name: quiet, percent: 50 }",
        ])
    }

    /// `RandomisedHistory` of 800 customers: a decision is worth 200 without contact and 500 with a
    /// call, in expectation.
    private func world(channels: [String] = ["none", "sms", "call"], propensity: String = "0.3333333333") throws -> [String: String] {
        try RandomisedHistory.write(to: cli, customers: 800, seed: 11, channels: channels, propensity: propensity)
    }

    private func load(_ files: [String: String], _ db: [String], _ name: String) throws {
        for kind in ["customers", "accounts", "dues", "payments", "actions"] {
            let result = try cli.run(["import", kind, files[kind] ?? ""] + db)
            XCTAssertEqual(result.status, 0, "\(name) \(kind): \(result.stderr)")
        }
    }

    private func amount(_ row: [String: Any], _ column: String) throws -> Double {
        try XCTUnwrap(row[column] as? Double, "\(column) in \(row)")
    }

    func testTheDoublyRobustEstimateOfEachCellCoversWhatItsChoiceTrulyRecovers() async throws {
        let files = try world(), strategy = try strategy()
        try await cli.eachDatabase { db, name in
            try load(files, db, name)
            let result = try cli.run(["evaluate", "--strategy", strategy, "--from", "2026-01-01", "--to", "2026-05-31", "--format", "json"] + db)
            XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("evaluated 800 logged decisions from 2026-01-01 to 2026-05-31 (doubly robust"), result.stderr)
            let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]], result.stdout)
            XCTAssertEqual(rows.map { $0["cell"] as? String ?? "" }, ["calls", "quiet"], name)
            XCTAssertEqual(rows.reduce(0) { $0 + ($1["cases"] as? Int ?? 0) }, 800, name)
            for row in rows {
                XCTAssertEqual(Set(row.keys), Set(["cell", "cases", "currency", "recovered", "recovered_low", "recovered_high", "cost", "cost_low",
                                                   "cost_high", "net", "net_low", "net_high"]))
                XCTAssertEqual(row["currency"] as? String, "CNY")
                let calls = row["cell"] as? String == "calls"
                let cases = Double(try XCTUnwrap(row["cases"] as? Int))
                let truth = (calls ? 500.0 : 200.0) * cases
                let low = try amount(row, "recovered_low"), high = try amount(row, "recovered_high")
                XCTAssertLessThanOrEqual(low, truth, "\(name): \(row)")
                XCTAssertGreaterThanOrEqual(high, truth, "\(name): \(row)")
                // With a third of the decisions where history and choice agree, each weighing 3, the
                // interval is about ±30% of the total: wide, but it tells the cells apart.
                XCTAssertLessThan(high - low, truth, "\(name): the interval is informative: \(row)")
                // A call costs 6 yuan (config/costs.yaml), no contact nothing.
                XCTAssertEqual(try amount(row, "cost"), calls ? 6 * cases : 0, accuracy: 0.001, name)
                XCTAssertEqual(try amount(row, "net"), try amount(row, "recovered") - amount(row, "cost"), accuracy: 0.011, name)
            }
            // Calling is worth 300 more per decision, and the intervals per decision say so.
            let perCase = { (row: [String: Any], column: String) throws -> Double in try self.amount(row, column) / Double(row["cases"] as? Int ?? 1) }
            XCTAssertGreaterThan(try perCase(rows[0], "recovered_low"), try perCase(rows[1], "recovered_high"), "\(name): \(rows)")
            // The same answer as CSV, under the same columns as `arrears simulate`.
            let csv = try cli.run(["evaluate", "--strategy", strategy, "--from", "2026-01-01", "--to", "2026-05-31"] + db)
            XCTAssertEqual(csv.stdout.split(separator: "\n").first, "cell,cases,currency,recovered,recovered_low,recovered_high,cost,cost_low,cost_high,net,net_low,net_high")
        }
    }

    func testAHistoryWithNoVariationToLearnFromIsRefused() async throws {
        let strategy = try strategy()
        let certain = try world(propensity: "1")
        try load(certain, cli.databaseOption, "certain")
        let refused = try cli.run(["evaluate", "--strategy", strategy, "--from", "2026-01-01", "--to", "2026-05-31"] + cli.databaseOption)
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertEqual(refused.stdout, "")
        XCTAssertTrue(refused.stderr.contains("every logged action in the window had propensity 1"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("no variation to learn"), refused.stderr)

        let neverCalled = try world(channels: ["none", "sms"], propensity: "0.5")
        let other = ["--database", "sqlite:" + cli.directory.appendingPathComponent("never-called.sqlite").path]
        try load(neverCalled, other, "never called")
        let missing = try cli.run(["evaluate", "--strategy", strategy, "--from", "2026-01-01", "--to", "2026-05-31"] + other)
        XCTAssertEqual(missing.status, 1, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("the strategy would choose call for"), missing.stderr)
        XCTAssertTrue(missing.stderr.contains("never took call"), missing.stderr)

        let empty = try cli.run(["evaluate", "--strategy", strategy, "--from", "2025-01-01", "--to", "2025-01-31"] + other)
        XCTAssertEqual(empty.status, 1, empty.stderr)
        XCTAssertTrue(empty.stderr.contains("no logged actions of delinquent customers in 2025-01-01 to 2025-01-31"), empty.stderr)
    }

    func testBadOptionsAreNamed() throws {
        let strategy = try strategy()
        let backwards = try cli.run(["evaluate", "--strategy", strategy, "--from", "2026-05-01", "--to", "2026-01-01"] + cli.databaseOption)
        XCTAssertEqual(backwards.status, 64, backwards.stderr)
        XCTAssertTrue(backwards.stderr.contains("--from must be on or before --to"), backwards.stderr)
        let format = try cli.run(["evaluate", "--strategy", strategy, "--from", "2026-01-01", "--to", "2026-01-31", "--format", "xml"] + cli.databaseOption)
        XCTAssertEqual(format.status, 64, format.stderr)
        XCTAssertTrue(format.stderr.contains("--format"), format.stderr)
        let date = try cli.run(["evaluate", "--strategy", strategy, "--from", "2026-13-01", "--to", "2026-01-31"] + cli.databaseOption)
        XCTAssertEqual(date.status, 64, date.stderr)
        XCTAssertTrue(date.stderr.contains("--from"), date.stderr)
        let noFile = try cli.run(["evaluate", "--strategy", "missing.yaml", "--from", "2026-01-01", "--to", "2026-01-31"] + cli.databaseOption)
        XCTAssertEqual(noFile.status, 1, noFile.stderr)
        XCTAssertTrue(noFile.stderr.contains("missing.yaml"), noFile.stderr)
    }
}
