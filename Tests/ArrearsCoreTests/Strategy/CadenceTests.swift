import ArrearsCore
import XCTest

/// A treatment is acted on again only after its cadence; until then it gives way to the next
/// applicable treatment that is due, and the case waits only when none is.
final class CadenceTests: XCTestCase {
    private let today = StrategyFixture.businessDate

    func testSMSSentYesterdayWaitsUntilThreeDaysAfterIt() {
        let yesterday = today.adding(days: -1)
        let decision = StrategyFixture.decide(StrategyFixture.facts(dpd: 5, lastActedOn: ["reminder_sms": yesterday]))
        guard case .wait(let rule, let until) = decision.outcome else { return XCTFail("expected wait, got \(decision.outcome)") }
        XCTAssertEqual(rule.name, "reminder_sms")
        XCTAssertEqual(until, yesterday.adding(days: 3))
    }

    func testSMSIsSentAgainOnceItsCadenceHasPassed() {
        let facts = StrategyFixture.facts(dpd: 5, lastActedOn: ["reminder_sms": today.adding(days: -3)])
        XCTAssertEqual(StrategyFixture.actedTreatment(facts), "reminder_sms")
    }

    func testDailyCallIsMadeEveryDayButNotTwiceADay() {
        XCTAssertEqual(StrategyFixture.actedTreatment(StrategyFixture.facts(dpd: 20, lastActedOn: ["call": today.adding(days: -1)])), "call")
        let again = StrategyFixture.decide(StrategyFixture.facts(dpd: 20, lastActedOn: ["call": today]))
        guard case .wait(_, let until) = again.outcome else { return XCTFail("expected wait, got \(again.outcome)") }
        XCTAssertEqual(until, today.adding(days: 1))
    }

    func testPrimeIsCalledEveryOtherDay() {
        let calledYesterday = StrategyFixture.facts(rating: .a, dpd: 20, lastActedOn: ["prime_call": today.adding(days: -1)])
        XCTAssertNotEqual(StrategyFixture.actedTreatment(calledYesterday), "prime_call")
        let calledTwoDaysAgo = StrategyFixture.facts(rating: .a, dpd: 20, lastActedOn: ["prime_call": today.adding(days: -2)])
        XCTAssertEqual(StrategyFixture.actedTreatment(calledTwoDaysAgo), "prime_call")
    }

    func testFieldVisitsAreTwoWeeksApart() {
        let visited = StrategyFixture.facts(dpd: 50, overdue: 7_000, lastActedOn: ["field_visit": today.adding(days: -13)])
        XCTAssertEqual(StrategyFixture.actedTreatment(visited), "call", "a call on the days between visits")
        let visitedLongAgo = StrategyFixture.facts(dpd: 50, overdue: 7_000, lastActedOn: ["field_visit": today.adding(days: -14)])
        XCTAssertEqual(StrategyFixture.actedTreatment(visitedLongAgo), "field_visit")
    }

    func testWaitingTreatmentGivesWayToTheNextOneThatIsDue() {
        let letterSent = StrategyFixture.facts(dpd: 70, overdue: 500, lastActedOn: ["collection_letter": today.adding(days: -10)])
        XCTAssertEqual(StrategyFixture.actedTreatment(letterSent), "call")
    }

    func testCaseWaitsForTheSoonestWhenEveryApplicableTreatmentIsWaiting() {
        let busy = StrategyFixture.facts(dpd: 70, overdue: 500, lastActedOn: [
            "collection_letter": today.adding(days: -10), "call": today,
        ])
        let outcome = StrategyFixture.decide(busy).outcome
        guard case .wait(let rule, let until) = outcome else { return XCTFail("expected wait, got \(outcome)") }
        XCTAssertEqual(rule.name, "call")
        XCTAssertEqual(until, today.adding(days: 1))
    }

    func testCadenceOfOtherTreatmentsDoesNotMatter() {
        let facts = StrategyFixture.facts(dpd: 16, lastActedOn: ["reminder_sms": today])
        XCTAssertEqual(StrategyFixture.actedTreatment(facts), "call")
    }
}

private extension Decision.Outcome {
    var waitingUntil: LocalDate? {
        guard case .wait(_, let until) = self else { return nil }
        return until
    }
}
