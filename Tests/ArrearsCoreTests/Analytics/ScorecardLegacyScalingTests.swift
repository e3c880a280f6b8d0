import ArrearsCore
import Foundation
import XCTest

/// Scorecards stored before issue 26 rose with the event's odds, 600 points at even odds, and
/// their settings have no `goodOutcome`. Such a model, read from its stored JSON, scores
/// exactly as it did, and its reasons still name what cost the customer the good outcome.
final class ScorecardLegacyScalingTests: XCTestCase {
    /// A two-feature roll scorecard as the registry stored it before issue 26 (the event:
    /// rolling to a worse bucket); points rise with rolling.
    static let stored = """
    {"features":[
      {"name":"dpd","kind":"numeric","monotonicity":"ascending","coefficient":1.0,"informationValue":0.5,"bins":[
        {"label":"< 30","membership":{"range":{"upper":30}},"count":50,"events":5,"weightOfEvidence":-1.0,"informationValue":0.2,"points":-29},
        {"label":">= 30","membership":{"range":{"lower":30}},"count":50,"events":25,"weightOfEvidence":1.0,"informationValue":0.3,"points":29}]},
      {"name":"credit_rating","kind":"categorical","monotonicity":"none","coefficient":0.5,"informationValue":0.1,"bins":[
        {"label":"A, B","membership":{"categories":{"_0":["A","B"]}},"count":60,"events":10,"weightOfEvidence":-0.5,"informationValue":0.05,"points":-7},
        {"label":"C, D, E","membership":{"categories":{"_0":["C","D","E"]}},"count":40,"events":20,"weightOfEvidence":0.8,"informationValue":0.05,"points":12}]}],
     "intercept":-0.7,"basePoints":580,
     "settings":{"initialBins":20,"maxBins":8,"minBinShare":0.05,"l2":1,"minInformationValue":0.002,
                 "baseScore":600,"baseOdds":1,"pointsToDoubleOdds":20,"maxIterations":100,"tolerance":1e-9}}
    """

    private func input() -> [Feature] {
        [Feature(name: "dpd", values: .numeric([10, 45, 45, 10])),
         Feature(name: "credit_rating", values: .categorical(["A", "A", "D", "E"]), monotonicity: .none)]
    }

    func testAStoredScorecardWithoutAGoodOutcomeScoresExactlyAsBefore() throws {
        let scorecard = try JSONDecoder().decode(Scorecard.self, from: Data(Self.stored.utf8))
        XCTAssertNil(scorecard.settings.goodOutcome)
        XCTAssertEqual(scorecard.basePoints, 580, "the stored base points, not recomputed")
        XCTAssertEqual(scorecard.points(for: input()), [580 - 29 - 7, 580 + 29 - 7, 580 + 29 + 12, 580 - 29 + 12])
        // Old scaling: 600 at even odds of the event, rising with the event.
        let scaling = ScoreScaling(scorecard.settings)
        XCTAssertEqual(scaling.score(logOdds: 0), 600, accuracy: 1e-9)
        XCTAssertEqual(scaling.score(logOdds: log(2)), 620, accuracy: 1e-9)
        XCTAssertTrue(scorecard.report().contains("Scaling: 600 points at odds 1:1 of the good outcome (the event)"), scorecard.report())
        // Encoding it again keeps it in the old form.
        let again = try JSONDecoder().decode(Scorecard.self, from: JSONEncoder().encode(scorecard))
        XCTAssertEqual(again, scorecard)
    }

    func testReasonsOfAStoredRollScorecardNameWhatMadeRollingLikelier() throws {
        let scorecard = try JSONDecoder().decode(Scorecard.self, from: Data(Self.stored.utf8))
        let reasons = scorecard.reasons(for: input(), good: .nonEvent)
        XCTAssertEqual(reasons[0], [], "low days past due and a good rating: nothing cost this customer")
        XCTAssertEqual(reasons[1], [ScoreReason(feature: "dpd", contribution: -58, text: ">= 30")])
        XCTAssertEqual(reasons[2], [ScoreReason(feature: "dpd", contribution: -58, text: ">= 30"),
                                    ScoreReason(feature: "credit_rating", contribution: -19, text: "C, D, E")])
        XCTAssertEqual(reasons[3].map(\.feature), ["credit_rating"])
        XCTAssertEqual(scorecard.reasons(for: input(), limit: 1, good: .nonEvent)[2].count, 1, "at most the limit")
        XCTAssertEqual(scorecard.reasons(for: input())[2], [], "without being told, an old scorecard's points rise with the good outcome: the event")
    }
}
