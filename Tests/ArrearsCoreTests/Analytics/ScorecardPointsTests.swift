import ArrearsCore
import Foundation
import XCTest

/// Points: score = offset + factor · ln(odds of the good outcome), printed as base points plus
/// the points of each bin.
final class ScorecardPointsTests: XCTestCase {
    func testTheBaseOddsScoreTheBaseScoreAndDoubledOddsAddThePointsToDouble() {
        let scaling = ScoreScaling(ScorecardSettings(baseScore: 600, baseOdds: 1.0 / 19, pointsToDoubleOdds: 20, goodOutcome: .event))
        XCTAssertEqual(scaling.score(logOdds: log(1.0 / 19)), 600, accuracy: 1e-9)
        XCTAssertEqual(scaling.score(logOdds: log(2.0 / 19)), 620, accuracy: 1e-9)
        XCTAssertEqual(scaling.score(logOdds: log(0.5 / 19)), 580, accuracy: 1e-9)
    }

    /// New scorecards: 600 points at 50:1 of not having the event, 20 more per doubling of
    /// those odds, so the score falls as the event (default) becomes likelier.
    func testNewScorecardsScore600AtFiftyToOneOfTheGoodOutcomeAndRiseWithIt() {
        let settings = ScorecardSettings()
        XCTAssertEqual(settings.baseScore, 600)
        XCTAssertEqual(settings.baseOdds, 50)
        XCTAssertEqual(settings.pointsToDoubleOdds, 20)
        XCTAssertEqual(settings.goodOutcome, .nonEvent)
        let scaling = ScoreScaling(settings)
        XCTAssertEqual(scaling.score(logOdds: log(1.0 / 50)), 600, accuracy: 1e-9, "2% chance of default: odds 50:1 of good")
        XCTAssertEqual(scaling.score(logOdds: log(1.0 / 100)), 620, accuracy: 1e-9)
        XCTAssertEqual(scaling.score(logOdds: log(1.0 / 25)), 580, accuracy: 1e-9)
        XCTAssertEqual(scaling.score(logOdds: 0), 600 - 20 * log2(50), accuracy: 1e-9, "even odds: 487 points")
    }

    private func twoFeatureScorecard() throws -> (Scorecard, [Feature]) {
        let count = 400
        var generator = SeededGenerator(seed: 7)
        let age = (0..<count).map { _ in Double(Int.random(in: 18...70, using: &generator)) }
        let home = (0..<count).map { _ in ["rent", "own", "parents"][Int.random(in: 0...2, using: &generator)] }
        let outcomes = (0..<count).map { row in
            let logOdds = -1 - 0.04 * (age[row] - 40) + (home[row] == "rent" ? 0.8 : 0)
            return Double.random(in: 0..<1, using: &generator) < LogisticRegression.probability(logOdds: logOdds)
        }
        let features = [Feature(name: "age", values: .numeric(age)), Feature(name: "home", values: .categorical(home))]
        return (try ScorecardTrainer.fit(features, outcomes: outcomes, settings: ScorecardSettings(minInformationValue: 0)), features)
    }

    func testACustomersPointsAreTheBasePointsPlusThePointsOfTheirBins() throws {
        let (scorecard, features) = try twoFeatureScorecard()
        let matrix = scorecard.designMatrix(for: features)
        let points = scorecard.points(for: features)
        let scaling = ScoreScaling(scorecard.settings)
        let logOdds = scorecard.logOdds(for: features)
        for row in 0..<matrix.rows {
            let printed = scorecard.features.indices.reduce(scorecard.basePoints) { total, column in
                total + scorecard.features[column].bins.first { $0.weightOfEvidence == matrix[row, column] }!.points
            }
            XCTAssertEqual(points[row], printed)
            XCTAssertLessThanOrEqual(abs(Double(points[row]) - scaling.score(logOdds: logOdds[row])), 1.5, "half a point per printed line")
        }
    }

    func testPointsFallAsTheProbabilityOfTheEventRises() throws {
        let (scorecard, features) = try twoFeatureScorecard()
        let points = scorecard.points(for: features), probabilities = scorecard.probabilities(for: features)
        let riskiest = probabilities.indices.max { probabilities[$0] < probabilities[$1] }!
        let safest = probabilities.indices.min { probabilities[$0] < probabilities[$1] }!
        XCTAssertLessThan(points[riskiest], points[safest])
        for row in points.indices {
            for other in points.indices where probabilities[other] > probabilities[row] + 0.05 {
                XCTAssertLessThanOrEqual(points[other], points[row], "a likelier default never scores more (beyond rounding)")
            }
        }
        XCTAssertEqual(scorecard.features.map(\.name), ["age", "home"])
        XCTAssertEqual(scorecard.features[0].monotonicity, .descending, "older customers default less in this data")
    }

    func testTheReportShowsEveryFeatureBinWithItsPoints() throws {
        let (scorecard, _) = try twoFeatureScorecard()
        let report = scorecard.report()
        XCTAssertTrue(report.contains("Base points: \(scorecard.basePoints)"))
        for feature in scorecard.features {
            let kind = feature.kind == .numeric ? "numeric, \(feature.monotonicity.rawValue)" : feature.kind.rawValue
            XCTAssertTrue(report.contains(String(format: "%@ (%@, IV %.4f", feature.name, kind, feature.informationValue)), report)
            for bin in feature.bins {
                let line = report.split(separator: "\n").first { $0.hasPrefix(bin.label + " ") }
                XCTAssertTrue(line?.hasSuffix(" \(bin.points)") ?? false, "a line for bin \(bin.label) ending in its points")
            }
        }
    }

    func testAScorecardSurvivesAJSONRoundTrip() throws {
        let (scorecard, features) = try twoFeatureScorecard()
        let decoded = try JSONDecoder().decode(Scorecard.self, from: JSONEncoder().encode(scorecard))
        XCTAssertEqual(decoded, scorecard)
        XCTAssertEqual(decoded.points(for: features), scorecard.points(for: features))
    }

    /// Models registered before issue 26 have no `selection`, `maxCorrelation` or
    /// `specialValues` in their stored JSON; they still load and score as before.
    func testAScorecardStoredBeforeFeatureSelectionStillLoads() throws {
        let (scorecard, features) = try twoFeatureScorecard()
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(scorecard)) as? [String: Any])
        XCTAssertNotNil(object.removeValue(forKey: "selection"))
        var settings = try XCTUnwrap(object["settings"] as? [String: Any])
        XCTAssertNotNil(settings.removeValue(forKey: "maxCorrelation"))
        settings.removeValue(forKey: "specialValues")
        object["settings"] = settings
        let old = try JSONDecoder().decode(Scorecard.self, from: JSONSerialization.data(withJSONObject: object))
        XCTAssertNil(old.selection)
        XCTAssertNil(old.settings.maxCorrelation)
        XCTAssertEqual(old.points(for: features), scorecard.points(for: features))
    }
}
