import ArrearsCore
import XCTest

/// No chasing while a promise to pay is pending (until its date plus grace) or an arrangement is kept.
final class HoldTests: XCTestCase {
    private let today = StrategyFixture.businessDate

    func testPendingPromiseHoldsTheCase() {
        let promiseDue = today.adding(days: 5)
        let decision = StrategyFixture.decide(StrategyFixture.facts(dpd: 20, promiseDueOn: promiseDue))
        XCTAssertEqual(decision.outcome, .hold(.promiseToPay(until: promiseDue.adding(days: 3))))
    }

    func testPromiseHoldsThroughItsGracePeriod() {
        for daysAgo in 0...3 {
            let facts = StrategyFixture.facts(dpd: 20, promiseDueOn: today.adding(days: -daysAgo))
            XCTAssertEqual(StrategyFixture.decide(facts).outcome, .hold(.promiseToPay(until: today.adding(days: 3 - daysAgo))), "due \(daysAgo) days ago")
        }
    }

    func testChasingResumesTheDayAfterTheGracePeriod() {
        let facts = StrategyFixture.facts(dpd: 20, promiseDueOn: today.adding(days: -4))
        XCTAssertEqual(StrategyFixture.actedTreatment(facts), "call")
    }

    func testKeptArrangementHoldsTheCase() {
        XCTAssertEqual(StrategyFixture.decide(StrategyFixture.facts(dpd: 45, arrangement: true)).outcome, .hold(.arrangement(kept: [])))
    }

    func testPendingPromiseIsReportedBeforeAnArrangement() {
        let facts = StrategyFixture.facts(dpd: 45, promiseDueOn: today, arrangement: true)
        XCTAssertEqual(StrategyFixture.decide(facts).outcome, .hold(.promiseToPay(until: today.adding(days: 3))))
    }

    func testArrangementStillHoldsAfterAnExpiredPromise() {
        let facts = StrategyFixture.facts(dpd: 45, promiseDueOn: today.adding(days: -30), arrangement: true)
        XCTAssertEqual(StrategyFixture.decide(facts).outcome, .hold(.arrangement(kept: [])))
    }

    func testHoldReasonsReadAsPlainWords() {
        XCTAssertEqual(HoldReason.promiseToPay(until: today).description, "promise to pay pending until 2026-11-23")
        XCTAssertEqual(HoldReason.arrangement(kept: []).description, "arrangement being kept")
    }
}
