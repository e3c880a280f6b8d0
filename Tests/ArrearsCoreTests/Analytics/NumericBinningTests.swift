import ArrearsCore
import Foundation
import XCTest

/// Numeric features: quantile pre-bins merged into the bins of most information value under a
/// minimum size, a shape of the event rate and the maximum number of bins, with special and
/// missing values in bins of their own.
final class NumericBinningTests: XCTestCase {
    /// Values 1–4, ten rows each, event rates 10%, 30%, 20%, 50%: not monotonic at 2 → 3.
    private let zigzag = ScorecardFixture.rows(1.0, count: 10, events: 1) + ScorecardFixture.rows(2.0, count: 10, events: 3)
        + ScorecardFixture.rows(3.0, count: 10, events: 2) + ScorecardFixture.rows(4.0, count: 10, events: 5)

    private func bins(_ groups: [(Double, Bool)], monotonicity: Monotonicity, settings: ScorecardSettings = ScorecardFixture.keepEverything) throws -> [ScorecardBin] {
        let (features, outcomes) = ScorecardFixture.numeric(groups, monotonicity: monotonicity)
        return try XCTUnwrap(ScorecardTrainer.fit(features, outcomes: outcomes, settings: settings).features.first).bins
    }

    func testWithoutMonotonicityEveryDistinctValueKeepsItsBin() throws {
        let bins = try bins(zigzag, monotonicity: .none)
        XCTAssertEqual(bins.map(\.label), ["< 2", "[2, 3)", "[3, 4)", ">= 4"])
        XCTAssertEqual(bins.map(\.events), [1, 3, 2, 5])
    }

    func testAscendingMergesTheBinsThatBreakTheOrder() throws {
        let bins = try bins(zigzag, monotonicity: .ascending)
        XCTAssertEqual(bins.map(\.label), ["< 2", "[2, 4)", ">= 4"])
        XCTAssertEqual(bins.map(\.count), [10, 20, 10])
        XCTAssertEqual(bins.map(\.events), [1, 5, 5])
        XCTAssertEqual(bins[1].membership, .range(lower: 2, upper: 4))
    }

    func testAutoFollowsTheCorrelationWithTheEvent() throws {
        XCTAssertEqual(try bins(zigzag, monotonicity: .auto), try bins(zigzag, monotonicity: .ascending))
        let falling = zigzag.map { (-$0.0, $0.1) }
        XCTAssertEqual(try bins(falling, monotonicity: .auto).map(\.events), [5, 5, 1])
    }

    func testDescendingAgainstTheDataLeavesOneBinSoTheFeatureIsLeftOut() throws {
        let (features, outcomes) = ScorecardFixture.numeric(zigzag, monotonicity: .descending)
        let scorecard = try ScorecardTrainer.fit(features, outcomes: outcomes, settings: ScorecardFixture.keepEverything)
        XCTAssertEqual(scorecard.features, [])
        XCTAssertEqual(scorecard.intercept, log(11.0 / 29), accuracy: 1e-9, "the overall log-odds")
    }

    func testMissingValuesGetABinOfTheirOwnAndScoreThere() throws {
        let groups = zigzag + ScorecardFixture.rows(Double.nan, count: 10, events: 8)
        let (features, outcomes) = ScorecardFixture.numeric(groups, monotonicity: .ascending)
        let scorecard = try ScorecardTrainer.fit(features, outcomes: outcomes, settings: ScorecardFixture.keepEverything)
        let feature = try XCTUnwrap(scorecard.features.first)
        XCTAssertEqual(feature.bins.map(\.label), ["< 2", "[2, 4)", ">= 4", "missing"])
        XCTAssertEqual(feature.bins.last?.membership, .missing)
        XCTAssertEqual(feature.bins.last?.events, 8)
        let missingPoints = scorecard.basePoints + feature.bins[3].points
        XCTAssertEqual(scorecard.points(for: [Feature(name: "x", values: .numeric([.nan]))]), [missingPoints])
    }

    func testASmallBinMergesWithTheNeighbourThatKeepsTheMostInformationValue() throws {
        // Value 2 holds 2 of 42 rows (< 5%): with 4 (IV 2.01) rather than with 1 (IV 1.55).
        let groups = ScorecardFixture.rows(1.0, count: 20, events: 1) + ScorecardFixture.rows(2.0, count: 2, events: 1)
            + ScorecardFixture.rows(4.0, count: 20, events: 12)
        let settings = ScorecardSettings(minBinShare: 0.05, l2: 0, minInformationValue: 0)
        let bins = try bins(groups, monotonicity: .none, settings: settings)
        XCTAssertEqual(bins.map(\.label), ["< 2", ">= 2"])
        XCTAssertEqual(bins.map(\.count), [20, 22])
    }

    func testMaxBinsKeepsTheMergeWithTheMostInformationValue() throws {
        let settings = ScorecardSettings(maxBins: 3, minBinShare: 0, l2: 0, minInformationValue: 0)
        let bins = try bins(zigzag, monotonicity: .none, settings: settings)
        XCTAssertEqual(bins.map(\.label), ["< 2", "[2, 4)", ">= 4"], "10%, 25%, 50% holds more IV than 10%, 30%, 35%")
    }

    func testScoringUsesTheTrainedCutsForNewValues() throws {
        let (features, outcomes) = ScorecardFixture.numeric(zigzag, monotonicity: .ascending)
        let scorecard = try ScorecardTrainer.fit(features, outcomes: outcomes, settings: ScorecardFixture.keepEverything)
        let woe = scorecard.features[0].bins.map(\.weightOfEvidence)
        let matrix = scorecard.designMatrix(for: [Feature(name: "x", values: .numeric([-100, 1.99, 2, 3.5, 4, 1e9]))])
        XCTAssertEqual((0..<6).map { matrix[$0, 0] }, [woe[0], woe[0], woe[1], woe[1], woe[2], woe[2]])
    }

    func testAutoFindsAValleyWhereTheEventRateFallsThenRises() throws {
        let valley = ScorecardFixture.rows(1.0, count: 20, events: 10) + ScorecardFixture.rows(2.0, count: 20, events: 4)
            + ScorecardFixture.rows(3.0, count: 20, events: 2) + ScorecardFixture.rows(4.0, count: 20, events: 6)
            + ScorecardFixture.rows(5.0, count: 20, events: 12)
        let (features, outcomes) = ScorecardFixture.numeric(valley)
        let feature = try XCTUnwrap(ScorecardTrainer.fit(features, outcomes: outcomes, settings: ScorecardFixture.keepEverything).features.first)
        XCTAssertEqual(feature.monotonicity, .valley)
        XCTAssertEqual(feature.bins.map(\.events), [10, 4, 2, 6, 12], "a trend would have to merge the young and the old")
        let mirrored = valley.map { ($0.0, !$0.1) }
        let (peakFeatures, peakOutcomes) = ScorecardFixture.numeric(mirrored)
        XCTAssertEqual(try ScorecardTrainer.fit(peakFeatures, outcomes: peakOutcomes, settings: ScorecardFixture.keepEverything).features.first?.monotonicity, .peak)
    }

    func testSpecialValuesGetBinsOfTheirOwnInFittingAndScoring() throws {
        // -1 means "not known": 10 rows, 9 events, which a range bin at the low end would hide.
        let groups = zigzag + ScorecardFixture.rows(-1.0, count: 10, events: 9)
        let (features, outcomes) = ScorecardFixture.numeric(groups, monotonicity: .ascending)
        var settings = ScorecardFixture.keepEverything
        settings.specialValues = ["x": [-1, 98]]
        let scorecard = try ScorecardTrainer.fit(features, outcomes: outcomes, settings: settings)
        let feature = try XCTUnwrap(scorecard.features.first)
        XCTAssertEqual(feature.bins.map(\.label), ["< 2", "[2, 4)", ">= 4", "special -1"], "98 never occurs, so it has no bin")
        XCTAssertEqual(feature.bins[3].membership, .special(-1))
        XCTAssertEqual(feature.bins[3].events, 9)
        let points = scorecard.points(for: [Feature(name: "x", values: .numeric([-1, -0.5, 98]))])
        XCTAssertEqual(points, [feature.bins[3].points, feature.bins[0].points, feature.bins[2].points].map { scorecard.basePoints + $0 },
                       "-1 scores in its bin; other values, 98 too, by range")
    }

    func testAFeatureThatIsMostlyMissingStillContributes() throws {
        // 90% missing, with a default rate of 20%; the 10% known split 0% and 60%.
        let groups = ScorecardFixture.rows(Double.nan, count: 900, events: 180) + ScorecardFixture.rows(1.0, count: 50, events: 0)
            + ScorecardFixture.rows(2.0, count: 50, events: 30)
        let (features, outcomes) = ScorecardFixture.numeric(groups)
        let scorecard = try ScorecardTrainer.fit(features, outcomes: outcomes)
        let feature = try XCTUnwrap(scorecard.features.first, "kept with the default settings")
        XCTAssertEqual(feature.bins.map(\.label), ["< 2", ">= 2", "missing"])
        XCTAssertEqual(feature.bins.map(\.count), [50, 50, 900])
        XCTAssertEqual(Set(scorecard.points(for: [Feature(name: "x", values: .numeric([1, 2, .nan]))])).count, 3, "three different scores")
    }
}
