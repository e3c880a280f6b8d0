import Foundation
import XCTest

/// `arrears model fit --model gbm`: the challenger model through the command an analyst runs.
final class ModelFitGBMCommandTests: XCTestCase {
    private var runner: CommandRunner!
    private let germanCredit = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/scorecard/germancredit.csv").path

    override func setUpWithError() throws { runner = try CommandRunner() }
    override func tearDown() { runner.remove() }

    func testJSONKeepsTheScorecardsShapeWithModelGBMAndImportances() throws {
        let result = try runner.run(["model", "fit", "--csv", germanCredit, "--target", "creditability", "--event", "bad",
                                     "--model", "gbm", "--format", "json", "--seed", "3"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["model"] as? String, "gbm")
        let train = try XCTUnwrap(object["train"] as? [String: Any]), test = try XCTUnwrap(object["test"] as? [String: Any])
        XCTAssertEqual(train["rows"] as? Int, 750)
        XCTAssertEqual(test["rows"] as? Int, 250)
        let auc = try XCTUnwrap(test["auc"] as? Double)
        XCTAssertGreaterThan(auc, 0.7)
        XCTAssertEqual(try XCTUnwrap(test["gini"] as? Double), 2 * auc - 1, accuracy: 1e-12)
        XCTAssertNotNil(test["ks"] as? Double)
        let features = try XCTUnwrap(object["features"] as? [[String: Any]])
        XCTAssertEqual(features.count, 20, "every input feature, by importance")
        let importances = features.compactMap { $0["importance"] as? Double }
        XCTAssertEqual(importances, importances.sorted(by: >))
        XCTAssertGreaterThan(importances.first ?? 0, 0)
        XCTAssertEqual(features.first?["name"] as? String, "status_of_existing_checking_account", "the strongest feature of German Credit")
        XCTAssertGreaterThan(object["trees"] as? Int ?? 0, 0)

        let again = try runner.run(["model", "fit", "--csv", germanCredit, "--target", "creditability", "--event", "bad",
                                    "--model", "gbm", "--format", "json", "--seed", "3"])
        XCTAssertEqual(again.stdout, result.stdout, "the same seed gives the same model")
    }

    func testTextShowsTheFiguresAndTheFeaturesByImportance() throws {
        let result = try runner.run(["model", "fit", "--csv", germanCredit, "--target", "creditability", "--event", "bad", "--model", "gbm"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.split(separator: "\n").contains { $0.hasPrefix("test") && $0.contains(" 250 ") }, result.stdout)
        XCTAssertTrue(result.stdout.contains("Gradient-boosted trees: "), result.stdout)
        XCTAssertFalse(result.stdout.contains("Base points"), "no scorecard")
    }

    func testAnUnknownModelIsRefused() throws {
        let result = try runner.run(["model", "fit", "--csv", germanCredit, "--target", "creditability", "--event", "bad", "--model", "forest"])
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertTrue(result.stderr.contains("forest"), result.stderr)
    }
}
