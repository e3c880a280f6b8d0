import ArrearsCore
import Foundation
import XCTest

/// A score's reasons: the features that cost the customer most points against their best bin.
final class ScorecardReasonsTests: XCTestCase {
    private func scorecard() throws -> (Scorecard, [Feature]) {
        let count = 600
        var generator = SeededGenerator(seed: 3)
        let age = (0..<count).map { _ in Double(Int.random(in: 18...70, using: &generator)) }
        let home = (0..<count).map { _ in ["rent", "own", "parents"][Int.random(in: 0...2, using: &generator)] }
        let outcomes = (0..<count).map { row in
            let logOdds = -1 - 0.05 * (age[row] - 40) + (home[row] == "rent" ? 1.0 : 0)
            return Double.random(in: 0..<1, using: &generator) < LogisticRegression.probability(logOdds: logOdds)
        }
        let features = [Feature(name: "age", values: .numeric(age)), Feature(name: "home", values: .categorical(home))]
        return (try ScorecardTrainer.fit(features, outcomes: outcomes, settings: ScorecardSettings(minInformationValue: 0)), features)
    }

    func testTheScoreIsTheBestPossibleLessWhatEachReasonCost() throws {
        let (scorecard, features) = try scorecard()
        XCTAssertEqual(scorecard.features.map(\.name), ["age", "home"])
        let best = scorecard.features.reduce(scorecard.basePoints) { $0 + ($1.bins.map(\.points).max() ?? 0) }
        let points = scorecard.points(for: features)
        let reasons = scorecard.reasons(for: features, limit: 10)
        for row in points.indices {
            let cost = reasons[row].reduce(0) { $0 + $1.contribution }
            XCTAssertEqual(Double(points[row]), Double(best) + cost, "row \(row)")
            XCTAssertTrue(reasons[row].allSatisfy { $0.contribution < 0 })
            XCTAssertEqual(reasons[row].map(\.contribution), reasons[row].map(\.contribution).sorted(), "the costliest first")
        }
    }

    func testAYoungRenterIsToldTheirAgeAndHomeCostThemPoints() throws {
        let (scorecard, _) = try scorecard()
        let youngRenter = [Feature(name: "age", values: .numeric([19])), Feature(name: "home", values: .categorical(["rent"]))]
        let reasons = try XCTUnwrap(scorecard.reasons(for: youngRenter).first)
        XCTAssertEqual(Set(reasons.map(\.feature)), ["age", "home"])
        let home = try XCTUnwrap(reasons.first { $0.feature == "home" })
        XCTAssertTrue(home.text.contains("rent"), home.text)
        let age = try XCTUnwrap(reasons.first { $0.feature == "age" })
        XCTAssertEqual(age.text, scorecard.features[0].bins[0].label, "the youngest bin")
        let olderOwner = [Feature(name: "age", values: .numeric([69])), Feature(name: "home", values: .categorical(["own"]))]
        XCTAssertLessThan(scorecard.reasons(for: olderOwner)[0].count, 2, "an older owner is in (nearly) the best bins")
    }
}
