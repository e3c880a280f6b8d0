import ArrearsCore
import XCTest

/// The cases each cell needs, against published worked examples.
final class SampleSizeTests: XCTestCase {
    func testTwoProportionsTenAgainstFifteenPercentNeed686PerGroup() {
        // p₁ = 0.10, p₂ = 0.15, two-sided α = 0.05, power 80%, no continuity correction:
        // (1.96·√(2·0.125·0.875) + 0.8416·√(0.09 + 0.1275))² / 0.05² = 685.6, so 686 per group.
        XCTAssertEqual(SampleSize.twoProportions(0.10, 0.15), 686)
        XCTAssertEqual(SampleSize.twoProportions(0.15, 0.10), 686, "the order does not matter")
        // 50% against 60%: 387.3, so 388 per group.
        XCTAssertEqual(SampleSize.twoProportions(0.5, 0.6), 388)
    }

    func testTwoMeansHalfAStandardDeviationApartNeed63PerGroup() {
        // The normal approximation for an effect of half a standard deviation:
        // 2·(1.96 + 0.8416)² / 0.5² = 62.8, so 63 per group.
        XCTAssertEqual(SampleSize.twoMeans(difference: 0.5, variance1: 1, variance2: 1), 63)
        XCTAssertEqual(SampleSize.twoMeans(difference: -0.5, variance1: 1, variance2: 1), 63)
    }

    func testNoDifferenceOrAnImpossibleOneNeedsNoAnswer() {
        XCTAssertNil(SampleSize.twoProportions(0.2, 0.2))
        XCTAssertNil(SampleSize.twoProportions(-0.1, 0.2))
        XCTAssertNil(SampleSize.twoProportions(0.2, 0.2 + 1e-9), "more than a billion cases a cell")
        XCTAssertNil(SampleSize.twoMeans(difference: 0, variance1: 1, variance2: 1))
        XCTAssertNil(SampleSize.twoMeans(difference: 1e-300, variance1: 1, variance2: 1))
        XCTAssertNil(SampleSize.twoMeans(difference: 1, variance1: .nan, variance2: 1))
    }
}
