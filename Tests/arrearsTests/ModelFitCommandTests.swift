import Foundation
import XCTest

/// `arrears model fit` as an analyst runs it on a CSV file.
final class ModelFitCommandTests: XCTestCase {
    private var runner: CommandRunner!
    private let germanCredit = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/scorecard/germancredit.csv").path

    override func setUpWithError() throws { runner = try CommandRunner() }
    override func tearDown() { runner.remove() }

    private func fit(_ extra: [String]) throws -> CommandRunner.Result {
        try runner.run(["model", "fit", "--csv", germanCredit, "--target", "creditability", "--event", "bad"] + extra)
    }

    func testFitPrintsTheFiguresOfTrainAndTestRowsAndTheScorecard() throws {
        let result = try fit([])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertTrue(lines.contains { $0.hasPrefix("train") && $0.contains(" 750 ") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("test") && $0.contains(" 250 ") }, result.stdout)
        XCTAssertTrue(result.stdout.contains("Base points: "))
        XCTAssertTrue(result.stdout.contains("status_of_existing_checking_account (categorical, IV "))
    }

    func testJSONGivesTrainTestFeaturesAndIntercept() throws {
        let result = try fit(["--format", "json", "--test-share", "0.3"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let train = try XCTUnwrap(object["train"] as? [String: Any]), test = try XCTUnwrap(object["test"] as? [String: Any])
        XCTAssertEqual(train["rows"] as? Int, 700)
        XCTAssertEqual(test["rows"] as? Int, 300)
        XCTAssertEqual((train["events"] as? Int).map { $0 + (test["events"] as? Int ?? 0) }, 300, "300 bad loans in the data")
        let auc = try XCTUnwrap(test["auc"] as? Double), gini = try XCTUnwrap(test["gini"] as? Double)
        XCTAssertGreaterThan(auc, 0.7)
        XCTAssertEqual(gini, 2 * auc - 1, accuracy: 1e-12)
        let features = try XCTUnwrap(object["features"] as? [[String: Any]])
        XCTAssertFalse(features.isEmpty)
        XCTAssertTrue(features.allSatisfy { ($0["iv"] as? Double ?? 0) >= 0.002 && $0["name"] is String }, "ScorecardSettings().minInformationValue")
        XCTAssertNotNil(object["intercept"] as? Double)
    }

    /// Issue 26: the score rises with not defaulting, 600 points at 50:1, 20 to double the odds;
    /// the hold-out's calibration by decile is in both formats.
    func testTheFitShowsTheScalingAndTheHoldOutCalibrationByDecile() throws {
        let result = try fit(["--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["model"] as? String, "scorecard")
        let scaling = try XCTUnwrap(object["scaling"] as? [String: Any])
        XCTAssertEqual(scaling["base_score"] as? Double, 600)
        XCTAssertEqual(scaling["base_odds"] as? Double, 50)
        XCTAssertEqual(scaling["points_to_double_odds"] as? Double, 20)
        XCTAssertEqual(scaling["good_outcome"] as? String, "non_event")
        let test = try XCTUnwrap(object["test"] as? [String: Any])
        let deciles = try XCTUnwrap(test["deciles"] as? [[String: Any]])
        XCTAssertEqual(deciles.count, 10)
        XCTAssertEqual(deciles.reduce(0) { $0 + ($1["rows"] as? Int ?? 0) }, 250)
        let predicted = deciles.compactMap { $0["predicted"] as? Double }
        XCTAssertEqual(predicted, predicted.sorted(), "lowest predicted probability first")
        XCTAssertLessThan(deciles[0]["observed"] as? Double ?? 1, deciles[9]["observed"] as? Double ?? 0, "the riskiest tenth defaults more")
        // A bad loan loses points: where a feature's WoE raises the odds of default (coefficient
        // above 0), its best bin is the one with the lowest WoE.
        let features = try XCTUnwrap(object["features"] as? [[String: Any]])
        for feature in features where (feature["coefficient"] as? Double ?? 0) > 0 {
            let bins = try XCTUnwrap(feature["bins"] as? [[String: Any]]).filter { ($0["rows"] as? Int ?? 0) > 0 }
            let best = try XCTUnwrap(bins.max { ($0["points"] as? Int ?? 0) < ($1["points"] as? Int ?? 0) })
            let worst = try XCTUnwrap(bins.min { ($0["points"] as? Int ?? 0) < ($1["points"] as? Int ?? 0) })
            if (best["points"] as? Int) != (worst["points"] as? Int) {
                XCTAssertLessThan(best["woe"] as? Double ?? 0, worst["woe"] as? Double ?? 0, "\(feature["name"] ?? "")")
            }
        }
        let text = try fit([])
        XCTAssertTrue(text.stdout.contains("Scaling: 600 points at odds 50:1 of the good outcome (no event), 20 points to double the odds"), text.stdout)
        XCTAssertTrue(text.stdout.contains("test calibration by decile"), text.stdout)
    }

    func testExcludedColumnsAreLeftOutAndTheJSONSaysWhyEachFeatureWasKept() throws {
        let lines = ["ID,age,home,y"] + (0..<200).map { row in
            "\(row),\(row % 9 == 0 ? "NA" : String(20 + row % 40)),\(row % 3 == 0 ? "rent" : "own"),\(row % 3 == 0 || row % 7 == 0 ? 1 : 0)"
        }
        let file = try runner.file("ids.csv", lines)
        let result = try runner.run(["model", "fit", "--csv", file, "--target", "y", "--exclude", "ID", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["model"] as? String, "scorecard")
        let selection = try XCTUnwrap(object["selection"] as? [[String: Any]])
        XCTAssertEqual(selection.compactMap { $0["name"] as? String }, ["age", "home"], "ID is not a feature")
        XCTAssertTrue(selection.allSatisfy { $0["reason"] is String && $0["kept"] is Bool })
        let features = try XCTUnwrap(object["features"] as? [[String: Any]])
        let home = try XCTUnwrap(features.first { $0["name"] as? String == "home" })
        XCTAssertEqual((home["bins"] as? [[String: Any]])?.count, 2, "rent and own")
        let age = try XCTUnwrap(features.first { $0["name"] as? String == "age" }, result.stdout)
        XCTAssertEqual((age["bins"] as? [[String: Any]])?.last?["label"] as? String, "missing", "NA is missing")

        let unknown = try runner.run(["model", "fit", "--csv", file, "--target", "y", "--exclude", "id"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("the header has no column 'id' to exclude"), unknown.stderr)
    }

    func testTheSameSeedGivesTheSameSplitAndFigures() throws {
        let first = try fit(["--seed", "7", "--format", "json"]), again = try fit(["--seed", "7", "--format", "json"])
        XCTAssertEqual(first.stdout, again.stdout)
        XCTAssertNotEqual(first.stdout, try fit(["--seed", "8", "--format", "json"]).stdout)
    }

    func testBadInputExitsOneNamingTheRowAndColumn() throws {
        let ragged = try runner.file("ragged.csv", ["x,y", "1,0", "2,1,9"])
        let threeValues = try runner.file("three.csv", ["x,y", "1,0", "2,1", "3,2"])
        let words = try runner.file("words.csv", ["x,y", "1,good", "2,bad"])
        let cases: [([String], String)] = [
            (["--csv", ragged, "--target", "y"], "arrears: \(ragged): row 3: 3 fields, but the header has 2"),
            (["--csv", threeValues, "--target", "y"], "arrears: \(threeValues): row 4: y: a third value '2'"),
            (["--csv", words, "--target", "y"], "pass --event with the value that marks the event"),
            (["--csv", words, "--target", "z"], "arrears: \(words): the header has no column 'z'"),
            (["--csv", runner.directory.appendingPathComponent("none.csv").path, "--target", "y"], "none.csv: cannot read the file"),
        ]
        for (arguments, message) in cases {
            let result = try runner.run(["model", "fit"] + arguments)
            XCTAssertEqual(result.status, 1, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains(message), result.stderr)
        }
    }

    func testBadOptionsExit64() throws {
        XCTAssertEqual(try fit(["--test-share", "1.5"]).status, 64)
        XCTAssertEqual(try fit(["--format", "xml"]).status, 64)
        XCTAssertEqual(try runner.run(["model", "fit", "--csv", germanCredit]).status, 64, "--target is required")
    }
}
