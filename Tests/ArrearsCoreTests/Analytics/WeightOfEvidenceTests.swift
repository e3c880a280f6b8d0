import ArrearsCore
import Foundation
import XCTest

/// WoE = ln(event share / non-event share) per bin, IV = Σ (event share − non-event share) · WoE.
final class WeightOfEvidenceTests: XCTestCase {
    func testWoEAndIVOfATwoCategoryTableMatchTheHandComputation() throws {
        // A: 4 events in 10 rows, B: 1 event in 10 rows; 5 events and 15 non-events in all.
        let (features, outcomes) = ScorecardFixture.categorical(
            ScorecardFixture.rows("A", count: 10, events: 4) + ScorecardFixture.rows("B", count: 10, events: 1)
        )
        let feature = try XCTUnwrap(ScorecardTrainer.fit(features, outcomes: outcomes, settings: ScorecardFixture.keepEverything).features.first)
        XCTAssertEqual(feature.bins.map(\.label), ["B", "A"], "bins in order of event rate")
        XCTAssertEqual(feature.bins[1].weightOfEvidence, log((4.0 / 5) / (6.0 / 15)), accuracy: 1e-12)  // ln 2
        XCTAssertEqual(feature.bins[0].weightOfEvidence, log((1.0 / 5) / (9.0 / 15)), accuracy: 1e-12)  // ln 1/3
        XCTAssertEqual(feature.bins[1].informationValue, (0.8 - 0.4) * log(2.0), accuracy: 1e-12)
        XCTAssertEqual(feature.informationValue, 0.4 * log(6.0), accuracy: 1e-12)
        XCTAssertEqual(feature.bins.map(\.count), [10, 10])
        XCTAssertEqual(feature.bins.map(\.events), [1, 4])
    }

    func testABinWithoutEventsGetsHalfACountOfEachSoItsWoEIsFinite() {
        let woe = WeightOfEvidence(events: 0, nonEvents: 5, totalEvents: 10, totalNonEvents: 40)
        XCTAssertEqual(woe.value, log((0.5 / 10) / (5.5 / 40)), accuracy: 1e-12)
        XCTAssertGreaterThan(woe.informationValue, 0)
    }

    func testABinWithTheAverageEventRateCarriesNoEvidence() {
        let woe = WeightOfEvidence(events: 2, nonEvents: 8, totalEvents: 20, totalNonEvents: 80)
        XCTAssertEqual(woe.value, 0, accuracy: 1e-15)
        XCTAssertEqual(woe.informationValue, 0, accuracy: 1e-15)
    }
}
