import ArrearsCore
import XCTest

/// Categorical features: a bin per category, rare ones together in "other", missing apart.
final class CategoricalBinningTests: XCTestCase {
    private let groups = ScorecardFixture.rows("rent", count: 40, events: 20) + ScorecardFixture.rows("own", count: 50, events: 5)
        + ScorecardFixture.rows("boat", count: 2, events: 1) + ScorecardFixture.rows("caravan", count: 3, events: 0)
        + ScorecardFixture.rows("", count: 5, events: 4)

    private func fit() throws -> Scorecard {
        let (features, outcomes) = ScorecardFixture.categorical(groups)
        return try ScorecardTrainer.fit(features, outcomes: outcomes, settings: ScorecardSettings(minBinShare: 0.05, l2: 0, minInformationValue: 0))
    }

    func testRareCategoriesAreMergedIntoOther() throws {
        let bins = try XCTUnwrap(fit().features.first).bins
        XCTAssertEqual(bins.map(\.label), ["own", "other", "rent", "missing"], "by event rate: 10%, 20%, 50%; missing last")
        XCTAssertEqual(bins[1].membership, .categories(["boat", "caravan"]))
        XCTAssertEqual(bins[1].count, 5)
        XCTAssertEqual(bins[1].events, 1)
        XCTAssertEqual(bins[3].membership, .missing)
        XCTAssertEqual(bins[3].events, 4)
    }

    func testARareCategoryScoresLikeOtherAndAnUnknownOneLikeMissing() throws {
        let scorecard = try fit()
        let bins = scorecard.features[0].bins
        let points = scorecard.points(for: [Feature(name: "c", values: .categorical(["caravan", "yacht", ""]))])
        XCTAssertEqual(points, [bins[1].points, bins[3].points, bins[3].points].map { scorecard.basePoints + $0 })
    }

    func testWithoutAMissingBinAnUnknownCategoryWeighsNothing() throws {
        let (features, outcomes) = ScorecardFixture.categorical(
            ScorecardFixture.rows("A", count: 10, events: 4) + ScorecardFixture.rows("B", count: 10, events: 1)
        )
        let scorecard = try ScorecardTrainer.fit(features, outcomes: outcomes, settings: ScorecardFixture.keepEverything)
        let probabilities = scorecard.probabilities(for: [Feature(name: "c", values: .categorical(["Z"]))])
        XCTAssertEqual(probabilities[0], LogisticRegression.probability(logOdds: scorecard.intercept), accuracy: 1e-15)
    }
}
