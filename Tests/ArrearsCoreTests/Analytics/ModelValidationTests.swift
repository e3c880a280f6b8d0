import ArrearsCore
import Foundation
import XCTest

/// AUC, KS, Gini and calibration deciles of predicted probabilities.
final class ModelValidationTests: XCTestCase {
    func testAUCAndKSOfASmallExampleMatchTheHandComputation() {
        // Ascending: 0.1 no, 0.35 yes, 0.4 no, 0.8 yes. Of the 4 (event, non-event) pairs
        // 3 are ordered right: AUC 0.75. Cumulative shares (events, non-events) after each
        // row: (0, ½), (½, ½), (½, 1), (1, 1): KS ½.
        let validation = ModelValidation(probabilities: [0.1, 0.4, 0.35, 0.8], outcomes: [false, false, true, true])
        XCTAssertEqual(validation.auc, 0.75, accuracy: 1e-12)
        XCTAssertEqual(validation.gini, 0.5, accuracy: 1e-12)
        XCTAssertEqual(validation.ks, 0.5, accuracy: 1e-12)
        XCTAssertEqual(validation.count, 4)
        XCTAssertEqual(validation.events, 2)
    }

    func testTiedProbabilitiesCountHalf() {
        let validation = ModelValidation(probabilities: [0.3, 0.3, 0.3, 0.9], outcomes: [true, false, false, true])
        // Pairs: (0.3 yes vs two 0.3 no) ½ + ½, (0.9 yes vs two 0.3 no) 1 + 1: 3 of 4.
        XCTAssertEqual(validation.auc, 0.75, accuracy: 1e-12)
    }

    func testDecilesCompareThePredictedWithTheObservedRate() {
        let probabilities = (0..<100).map { Double($0) / 100 }
        let outcomes = (0..<100).map { $0 % 10 < $0 / 10 }
        let validation = ModelValidation(probabilities: probabilities, outcomes: outcomes)
        XCTAssertEqual(validation.deciles.map(\.count), Array(repeating: 10, count: 10))
        XCTAssertEqual(validation.deciles[0].meanPredicted, 0.045, accuracy: 1e-12)
        XCTAssertEqual(validation.deciles.map(\.observedRate), (0..<10).map { Double($0) / 10 })
    }

    func testWithOneClassOnlyNothingIsSeparated() {
        let validation = ModelValidation(probabilities: [0.2, 0.7], outcomes: [true, true])
        XCTAssertEqual(validation.auc, 0.5)
        XCTAssertEqual(validation.ks, 0)
        XCTAssertEqual(validation.deciles.count, 2)
    }
}
