import ArrearsCore
import XCTest

/// What the trainer refuses, and which features it keeps.
final class ScorecardTrainerTests: XCTestCase {
    private let x = Feature(name: "x", values: .numeric([1, 2, 3, 4]))

    func testDataThatCannotBeFittedIsRefusedWithAReason() {
        let cases: [([Feature], [Bool], ScorecardError, String)] = [
            ([], [], .emptyData, "there are no rows to fit"),
            ([x], [false, false, false, false], .noEvents, "no row has the event, so there is nothing to learn from"),
            ([x], [true, true, true, true], .onlyEvents, "every row has the event, so there is nothing to learn from"),
            ([x], [true, false], .rowCountMismatch(feature: "x", expected: 2, actual: 4), "feature 'x' has 4 values for 2 outcomes"),
        ]
        for (features, outcomes, expected, message) in cases {
            XCTAssertThrowsError(try ScorecardTrainer.fit(features, outcomes: outcomes)) { error in
                XCTAssertEqual(error as? ScorecardError, expected)
                XCTAssertEqual((error as? ScorecardError)?.description, message)
            }
        }
    }

    func testSettingsOutOfRangeAreRefused() {
        XCTAssertThrowsError(try ScorecardTrainer.fit([x], outcomes: [true, false, true, false], settings: ScorecardSettings(l2: -1))) { error in
            XCTAssertEqual((error as? ScorecardError)?.description, "setting l2 is -1.0; it must be 0 or more")
        }
    }

    func testFeaturesBelowTheMinimumInformationValueAreLeftOut() throws {
        let rows = 400
        let signal = (0..<rows).map { Double($0 % 10) }
        let noise = (0..<rows).map { Double(($0 / 10) % 10) }
        let outcomes = (0..<rows).map { $0 % 10 >= 7 }
        let scorecard = try ScorecardTrainer.fit(
            [Feature(name: "noise", values: .numeric(noise)), Feature(name: "signal", values: .numeric(signal))], outcomes: outcomes
        )
        XCTAssertEqual(scorecard.features.map(\.name), ["signal"])
        XCTAssertEqual(scorecard.selection?.map(\.decision), [.lowInformationValue, .kept])
        XCTAssertTrue(scorecard.report().contains("dropped: information value too low"), scorecard.report())
    }

    func testOfTwoCorrelatedFeaturesTheOneWithLessInformationValueIsLeftOut() throws {
        let rows = 400
        let outcomes = (0..<rows).map { $0 % 10 >= 7 }
        let signal = (0..<rows).map { Double($0 % 10) }
        // The same, but a quarter of the 9s (events all) recorded as 1: nearly the same WoE, less IV.
        let echo = (0..<rows).map { (row: Int) -> Double in
            let blurred = row % 10 == 9 && (row / 10) % 4 == 0
            return blurred ? 1 : Double(row % 10)
        }
        let features = [Feature(name: "echo", values: .numeric(echo)), Feature(name: "signal", values: .numeric(signal))]
        let scorecard = try ScorecardTrainer.fit(features, outcomes: outcomes)
        XCTAssertEqual(scorecard.features.map(\.name), ["signal"])
        guard case .correlated(let with, let correlation) = scorecard.selection?.first?.decision else {
            return XCTFail("echo is left out for its correlation: \(String(describing: scorecard.selection))")
        }
        XCTAssertEqual(with, "signal")
        XCTAssertGreaterThan(correlation, 0.9)
        XCTAssertLessThan(scorecard.selection?[0].informationValue ?? .infinity, scorecard.selection?[1].informationValue ?? 0)
        XCTAssertTrue(scorecard.report().contains("echo"), "the report names the dropped feature")
        var keepBoth = ScorecardSettings()
        keepBoth.maxCorrelation = nil
        XCTAssertEqual(try ScorecardTrainer.fit(features, outcomes: outcomes, settings: keepBoth).features.map(\.name), ["echo", "signal"])
    }
}
