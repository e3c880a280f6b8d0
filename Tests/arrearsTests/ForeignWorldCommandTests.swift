import Foundation
import XCTest

/// Issue 27's second target, end to end through the CLI on a small world Arrears has never seen:
/// `tools/foreign-world/generate.py` (not Arrears' behaviour model) writes a portfolio, a
/// randomised history of actions with the payments that followed, and the hidden true response
/// on the decision date; each strategy runs on a fresh database with the same import (`import`,
/// `import actions`, for the optimised one `model train --target response --as-of D`, then
/// `run-day --date D` with a public address, and `report actions --format csv`), and
/// `tools/foreign-world/score.py` values what each chose by the hidden truth. The optimised choice
/// must recover more net than the default strategy on the same cases at the same capacity.
final class ForeignWorldCommandTests: XCTestCase {
    private var cli: CommandRunner!
    private let date = "2026-11-30"

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    private func python(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CommandRunner.packageRoot.appendingPathComponent("tools/foreign-world/\(script)").path] + arguments
        process.currentDirectoryURL = CommandRunner.packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile(), errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "\(script): \(String(decoding: errors, as: UTF8.self))")
        return String(decoding: output, as: UTF8.self)
    }

    /// Imports the world into a fresh SQLite database, runs one strategy on the decision date and
    /// returns the path of its `report actions` CSV.
    private func run(_ name: String, strategy: String, train: Bool, world: URL) throws -> String {
        let db = ["--database", "sqlite:" + cli.directory.appendingPathComponent("\(name).sqlite").path]
        for kind in ["customers", "accounts", "dues", "payments", "actions"] {
            let result = try cli.run(["import", kind, world.appendingPathComponent("\(kind).csv").path] + db)
            XCTAssertEqual(result.status, 0, "\(name) \(kind): \(result.stderr)")
        }
        if train {
            let trained = try cli.run(["model", "train", "--target", "response", "--as-of", date] + db)
            XCTAssertEqual(trained.status, 0, trained.stderr)
        }
        let day = try cli.run(["run-day", "--date", date, "--strategy", strategy] + db)
        XCTAssertEqual(day.status, 0, day.stderr)
        if train { XCTAssertTrue(day.stderr.contains("response model response-v1"), "the optimised cell valued by the trained model: \(day.stderr)") }
        let report = try cli.run(["report", "actions", "--date", date, "--format", "csv"] + db)
        XCTAssertEqual(report.status, 0, report.stderr)
        return try cli.file("\(name).csv", report.stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init))
    }

    func testTheOptimisedChoiceRecoversMoreNetThanTheDefaultStrategyOnAForeignWorld() throws {
        let world = cli.directory.appendingPathComponent("world")
        _ = try python("generate.py", ["--customers", "2500", "--as-of", date, "--seed", "11", "--out", world.path])
        let defaultReport = try run("default", strategy: "config/strategy.yaml", train: false, world: world)
        let optimisedReport = try run("optimised", strategy: "config/strategy.optimised.yaml", train: true, world: world)
        let scored = try python("score.py", ["--json", "--truth", world.appendingPathComponent("truth.csv").path, "--costs", "config/costs.yaml",
                                             "default=\(defaultReport)", "optimised=\(optimisedReport)"])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(scored.utf8)) as? [String: Any], scored)
        let strategies = try XCTUnwrap(object["strategies"] as? [String: [String: Any]], scored)
        let defaultNet = try XCTUnwrap(strategies["default"]?["net"] as? Double, scored)
        let optimisedNet = try XCTUnwrap(strategies["optimised"]?["net"] as? Double, scored)
        XCTAssertGreaterThan(try XCTUnwrap(object["cases"] as? Int), 200, scored)
        XCTAssertGreaterThan(defaultNet, 0, "the default strategy recovers something over no contact: \(scored)")
        XCTAssertGreaterThan(optimisedNet, defaultNet * 1.1, "the optimised choice recovers more net than the default: \(scored)")
    }
}
