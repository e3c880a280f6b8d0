import ArrearsCore
import XCTest

/// The intervals and tests the champion/challenger comparison rests on, each against an answer
/// worked out by hand.
final class StatisticsTests: XCTestCase {
    func testWilsonIntervalForEightOutOfTen() throws {
        // p = 0.8, n = 10, z² = 3.8415: centre = 0.8 + z²/20 = 0.99208,
        // spread = z·√(0.016 + z²/400) = 0.31362, divided by 1 + z²/10 = 1.38415:
        // [0.4902, 0.9433] (the interval in every textbook table).
        let interval = try XCTUnwrap(Proportion(successes: 8, trials: 10).wilson())
        XCTAssertEqual(interval.lower, 0.4902, accuracy: 1e-4)
        XCTAssertEqual(interval.upper, 0.9433, accuracy: 1e-4)
    }

    func testWilsonIntervalStaysInsideZeroAndOneWhereWaldWouldNot() throws {
        // 0/5: Wald gives [0, 0]; Wilson's upper bound is z²/(n + z²) = 3.8415/8.8415 = 0.4345.
        let none = try XCTUnwrap(Proportion(successes: 0, trials: 5).wilson())
        XCTAssertEqual(none.lower, 0, accuracy: 1e-12)
        XCTAssertEqual(none.upper, 0.4345, accuracy: 1e-4)
        XCTAssertNil(Proportion(successes: 0, trials: 0).wilson())
        XCTAssertNil(Proportion(successes: 0, trials: 0).rate)
    }

    func testTwoProportionZTest() throws {
        // 40/100 against 60/100: pooled p = 0.5, SE = √(0.25 · (1/100 + 1/100)) = 0.070711,
        // z = 0.2 / 0.070711 = 2.8284, p = erfc(2) = 0.004678: significant.
        let test = try XCTUnwrap(SignificanceTest.twoProportions(champion: Proportion(successes: 40, trials: 100),
                                                                 challenger: Proportion(successes: 60, trials: 100)))
        XCTAssertEqual(test.z, 2.8284, accuracy: 1e-4)
        XCTAssertEqual(test.pValue, 0.004678, accuracy: 1e-6)
        XCTAssertTrue(test.isSignificant)
    }

    func testSmallDifferenceOnFewCasesIsNotSignificant() throws {
        // 4/10 against 5/10: pooled 0.45, SE = √(0.2475 · 0.2) = 0.22249, z = 0.4495, p = 0.653.
        let test = try XCTUnwrap(SignificanceTest.twoProportions(champion: Proportion(successes: 4, trials: 10),
                                                                 challenger: Proportion(successes: 5, trials: 10)))
        XCTAssertEqual(test.pValue, 0.653, accuracy: 1e-3)
        XCTAssertFalse(test.isSignificant)
    }

    func testRatioEstimateWithDeltaMethodInterval() throws {
        // Cases (overdue at entry, recovered): (100, 50), (200, 100), (100, 30).
        // R = 180 / 400 = 0.45; residuals y − R·x = 5, 10, −15, squares 350;
        // SE = √(350 / (3 · 2)) / (400 / 3) = 7.6376 / 133.33 = 0.057282; 95%: 0.45 ± 0.11227.
        let estimate = RatioEstimate(units: [(100, 50), (200, 100), (100, 30)])
        XCTAssertEqual(try XCTUnwrap(estimate.ratio), 0.45, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(estimate.standardError), 0.057282, accuracy: 1e-6)
        let interval = try XCTUnwrap(estimate.interval())
        XCTAssertEqual(interval.lower, 0.33773, accuracy: 1e-5)
        XCTAssertEqual(interval.upper, 0.56227, accuracy: 1e-5)
        XCTAssertNil(RatioEstimate(units: [(100, 50)]).standardError, "one case gives no spread")
    }

    func testWelchTestOfTwoRecoveryRates() throws {
        // Champion as above: R = 0.45, SE = 0.057282. Challenger (100, 80), (100, 60): R = 0.7,
        // residuals 10 and −10, SE = √(200 / 2) / 100 = 0.1.
        // z = 0.25 / √(0.057282² + 0.1²) = 0.25 / 0.115244 = 2.1693, p = 0.0301.
        let test = try XCTUnwrap(SignificanceTest.welch(champion: RatioEstimate(units: [(100, 50), (200, 100), (100, 30)]),
                                                        challenger: RatioEstimate(units: [(100, 80), (100, 60)])))
        XCTAssertEqual(test.z, 2.1693, accuracy: 1e-4)
        XCTAssertEqual(test.pValue, 0.0301, accuracy: 1e-4)
        XCTAssertTrue(test.isSignificant)
    }

    func testRatioSumsAddLikeTheirCases() {
        let whole = RatioEstimate(units: [(100, 50), (200, 100), (100, 30)])
        let parts = RatioEstimate(units: [(100, 50)]) + RatioEstimate(units: [(200, 100), (100, 30)])
        XCTAssertEqual(whole, parts)
    }
}
