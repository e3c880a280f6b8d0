import Foundation
import XCTest

/// `arrears simulate` (issue 27, "What-if simulation"): a strategy lived through business days on
/// a copy of the database with the behaviour model answering, printed per cell with 95%
/// intervals in the columns `arrears evaluate` prints; the database itself is left as it was.
final class SimulateCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    private var databaseFile: URL { cli.directory.appendingPathComponent("cli.sqlite") }

    /// 400 sample customers imported and the daily run of 30 June 2026 done.
    private func prepare() throws {
        XCTAssertEqual(try cli.run(["generate", "--customers", "400", "--out", "sample", "--seed", "9", "--as-of", "2026-06-30"]).status, 0)
        for kind in ["customers", "accounts", "dues", "payments"] {
            let result = try cli.run(["import", kind, "sample/\(kind).csv"] + cli.databaseOption)
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        let run = try cli.run(["run-day", "--date", "2026-06-30"] + cli.databaseOption)
        XCTAssertEqual(run.status, 0, run.stderr)
    }

    func testASimulationPrintsEachCellsGainAndLeavesTheDatabaseAsItWas() throws {
        try prepare()
        let before = try Data(contentsOf: databaseFile)
        let result = try cli.run(["simulate", "--strategy", "config/strategy.champion-optimised.yaml", "--days", "3", "--format", "json"]
                                 + cli.databaseOption)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("simulating 3 business days from 2026-07-01 on a copy of"), result.stderr)
        XCTAssertTrue(result.stderr.contains("2026-07-03  day 3/3"), result.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]], result.stdout)
        XCTAssertEqual(rows.map { $0["cell"] as? String ?? "" }, ["champion", "optimised"])
        for row in rows {
            XCTAssertEqual(Set(row.keys), Set(["cell", "cases", "currency", "recovered", "recovered_low", "recovered_high", "cost", "cost_low",
                                               "cost_high", "net", "net_low", "net_high"]))
            XCTAssertGreaterThan(row["cases"] as? Int ?? 0, 20, "\(row)")
            for total in ["recovered", "cost", "net"] {
                let value = try XCTUnwrap(row[total] as? Double), low = try XCTUnwrap(row[total + "_low"] as? Double)
                let high = try XCTUnwrap(row[total + "_high"] as? Double)
                XCTAssertTrue(low <= value && value <= high, "\(total): \(row)")
            }
            XCTAssertGreaterThan(row["cost"] as? Double ?? 0, 0, "three days of work cost something: \(row)")
            XCTAssertGreaterThan(row["recovered_high"] as? Double ?? 0, row["recovered_low"] as? Double ?? 0, "\(row)")
            XCTAssertEqual(row["net"] as? Double ?? 0, (row["recovered"] as? Double ?? 0) - (row["cost"] as? Double ?? 0), accuracy: 0.011)
        }

        // The database is byte for byte what it was, and knows nothing of the simulated days.
        XCTAssertEqual(try Data(contentsOf: databaseFile), before)
        let actions = try cli.run(["report", "actions", "--date", "2026-07-01"] + cli.databaseOption)
        XCTAssertEqual(actions.status, 0, actions.stderr)
        XCTAssertEqual(actions.stdout.split(separator: "\n").count, 1, "only the header: \(actions.stdout)")

        // The same seed lives the same days; CSV has the same columns.
        let csv = try cli.run(["simulate", "--strategy", "config/strategy.champion-optimised.yaml", "--days", "3"] + cli.databaseOption)
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let lines = csv.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "cell,cases,currency,recovered,recovered_low,recovered_high,cost,cost_low,cost_high,net,net_low,net_high")
        XCTAssertEqual(lines.count, 3, csv.stdout)
        XCTAssertEqual(lines.dropFirst().map { $0.split(separator: ",")[3] },
                       rows.map { Substring(String(format: "%.2f", $0["recovered"] as? Double ?? 0)) })
    }

    /// `--behaviour` replaces the shipped customers: with customers who never respond, cure or keep
    /// a promise, nothing is recovered in any cell, while the work still costs.
    func testTheBehaviourFileIsTheOneThatAnswers() throws {
        try prepare()
        var text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("config/behaviour.yaml"), encoding: .utf8)
        for key in ["response_factor", "self_cure", "promise_kept", "promise_partly_kept"] {
            text = text.replacingOccurrences(of: key + #":\s*[0-9.]+"#, with: key + ": 0", options: .regularExpression)
        }
        let behaviour = try cli.file("unmoved.yaml", [text])
        let result = try cli.run(["simulate", "--strategy", "config/strategy.yaml", "--days", "2", "--behaviour", behaviour, "--format", "json"]
                                 + cli.databaseOption)
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]], result.stdout)
        XCTAssertEqual(rows.map { $0["cell"] as? String ?? "" }, ["challenger", "champion"])
        for row in rows {
            XCTAssertEqual(row["recovered"] as? Double, 0, "\(row)")
            XCTAssertEqual(row["recovered_high"] as? Double, 0, "\(row)")
            XCTAssertGreaterThan(row["cost"] as? Double ?? 0, 0, "\(row)")
            XCTAssertLessThan(row["net"] as? Double ?? 0, 0, "\(row)")
        }
    }

    func testBadOptionsAndAPostgreSQLDatabaseAreRefusedClearly() throws {
        let days = try cli.run(["simulate", "--strategy", "config/strategy.yaml", "--days", "0"] + cli.databaseOption)
        XCTAssertEqual(days.status, 64, days.stderr)
        XCTAssertTrue(days.stderr.contains("--days must be a whole number of business days from 1 to 260"), days.stderr)
        let missing = try cli.run(["simulate", "--strategy", "config/strategy.yaml", "--days", "2"] + cli.databaseOption)
        XCTAssertEqual(missing.status, 1, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("no database at"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: databaseFile.path), "no database is made")

        let behaviour = try cli.file("behaviour.yaml", ["version: broken", "channels: 3"])
        XCTAssertEqual(try cli.run(["migrate"] + cli.databaseOption).status, 0)
        let bad = try cli.run(["simulate", "--strategy", "config/strategy.yaml", "--days", "2", "--behaviour", behaviour] + cli.databaseOption)
        XCTAssertEqual(bad.status, 1, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("behaviour.yaml:"), bad.stderr)

        let postgres = try cli.run(["simulate", "--strategy", "config/strategy.yaml", "--days", "2",
                                    "--database", "postgres://arrears:arrears@127.0.0.1:5432/nowhere"])
        XCTAssertEqual(postgres.status, 1, postgres.stderr)
        XCTAssertTrue(postgres.stderr.contains("can copy only a SQLite database"), postgres.stderr)
    }
}
