import ArrearsCore
import Foundation
import XCTest

/// PSI = Σ (actual share − expected share) · ln(actual / expected) over the expected deciles.
final class PopulationStabilityTests: XCTestCase {
    private let expected = (0..<100).map(Double.init)

    func testTheSameDistributionHasAnIndexOfZero() {
        XCTAssertEqual(PopulationStability.index(expected: expected, actual: expected.reversed()), 0, accuracy: 1e-15)
    }

    func testAKnownShiftGivesTheHandComputedIndex() {
        // The first decile [0, 10) doubles to 20%, the second [10, 20) empties (floored at 0.01%).
        let actual = Array(0..<10).map(Double.init) + Array(0..<10).map(Double.init) + (20..<100).map(Double.init)
        let byHand = (0.2 - 0.1) * log(0.2 / 0.1) + (0.0001 - 0.1) * log(0.0001 / 0.1)
        XCTAssertEqual(PopulationStability.index(expected: expected, actual: actual), byHand, accuracy: 1e-12)
    }
}
