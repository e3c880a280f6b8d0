import Foundation
import XCTest

/// `arrears demo --strategy config/strategy.champion-optimised.yaml` (issue 27, the demo world):
/// half the customers are decided by the default rules, half by expected net recovery; after a
/// month of business days the demo trains response models on its own history and the optimised
/// cell decides by them; at the end it prints each cell's net recovery and the optimised cell's
/// gain over the champion with a 95% interval, and `report actions` shows the optimised cell's
/// choices with their propensities and values. The demo runs on SQLite only.
final class DemoOptimisedCommandTests: XCTestCase {
    func testTheDemoComparesTheOptimisedCellWithTheChampionAndLogsWhyItChose() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let demo = try cli.run(["demo", "--customers", "2000", "--days", "40", "--no-serve", "--strategy", "config/strategy.champion-optimised.yaml",
                                "--data", cli.directory.appendingPathComponent("data").path] + cli.databaseOption)
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let lines = demo.stderrLines

        // One month of business days (21) on the baseline forecast, then response models trained on
        // the demo's own history as of day 21, and the optimised cell's runs valued by them.
        let trained = lines.filter { $0.contains("trained and activated response-v1") }
        XCTAssertEqual(trained.count, 1, demo.stderr)
        let trainedAt = try XCTUnwrap(lines.firstIndex { $0.contains("trained and activated response-v1") })
        XCTAssertTrue(lines[trainedAt - 1].contains("day 21/40"), lines[trainedAt - 1])
        XCTAssertTrue(trained[0].contains("call "), "the history has calls to measure against none: \(trained[0])")

        // The comparison: a row per cell with its money, then the gain with its interval.
        let header = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("net recovery by cell, CNY") }, demo.stderr)
        XCTAssertTrue(lines[header + 1].contains("customers") && lines[header + 1].contains("net/customer"), lines[header + 1])
        let champion = lines[header + 2].split(separator: " ").map(String.init), optimised = lines[header + 3].split(separator: " ").map(String.init)
        XCTAssertEqual(champion.first, "champion")
        XCTAssertEqual(optimised.first, "optimised")
        for row in [champion, optimised] {
            XCTAssertEqual(row.count, 7, row.joined(separator: " "))
            let customers = Int(row[1]) ?? 0, recovered = Double(row[3]) ?? 0, cost = Double(row[4]) ?? -1, net = Double(row[5]) ?? 0
            XCTAssertGreaterThan(customers, 100, row.joined(separator: " "))
            XCTAssertGreaterThan(recovered, 0)
            XCTAssertGreaterThan(cost, 0, "the work on each cell cost something")
            XCTAssertEqual(net, recovered - cost, accuracy: 0.01)
        }
        let gain = try XCTUnwrap(lines.first { $0.hasPrefix("optimised against champion: net recovery per customer ") }, demo.stderr)
        let numbers = try XCTUnwrap(gain.wholeMatch(of: #/optimised against champion: net recovery per customer ([+-]\d+\.\d)% \[95% interval ([+-]\d+\.\d)%, ([+-]\d+\.\d)%\], post-stratified by product, bootstrap over customers/#), gain)
        let (point, low, high) = (Double(numbers.1) ?? .nan, Double(numbers.2) ?? .nan, Double(numbers.3) ?? .nan)
        XCTAssertTrue(low <= point && point <= high, gain)
        XCTAssertLessThan(low, high, gain)

        // The optimised cell's last day, as `report actions` shows it: every row has its
        // propensity, allocated ones 1 and randomised ones below, and its expected value.
        let lastDayLine = try XCTUnwrap(lines.first { $0.contains("day 40/40") }, demo.stderr)
        let lastDay = try XCTUnwrap(lastDayLine.firstMatch(of: #/\d{4}-\d{2}-\d{2}/#)?.output, lastDayLine)
        let report = try cli.run(["report", "actions", "--date", String(lastDay), "--format", "json"] + cli.databaseOption)
        XCTAssertEqual(report.status, 0, report.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [[String: Any]])
        let chosen = rows.filter { $0["cell"] as? String == "optimised" && $0["status"] as? String == "created" }
        XCTAssertGreaterThan(chosen.count, 20, report.stdout)
        for row in chosen {
            let propensity = Double(row["propensity"] as? String ?? "") ?? 0
            XCTAssertTrue(propensity > 0 && propensity <= 1, "\(row)")
            XCTAssertNotNil(Double(row["expected_value"] as? String ?? ""), "\(row)")
        }
        XCTAssertTrue(chosen.contains { Double($0["propensity"] as? String ?? "") ?? 1 < 1 }, "some cases were randomised")
        XCTAssertTrue(chosen.contains { $0["channel"] as? String == "none" }, "no contact is a choice the optimised cell makes")
        let champions = rows.filter { $0["cell"] as? String == "champion" }
        XCTAssertTrue(champions.allSatisfy { $0["propensity"] as? String == "" }, "the champion decides by its rules")
    }
}
