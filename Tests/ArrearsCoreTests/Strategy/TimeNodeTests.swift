import ArrearsCore
import XCTest

/// Seed 004's time nodes: 1-15 days a friendly reminder, 16-30 a call, 31+ a visit or the legal route.
final class TimeNodeTests: XCTestCase {
    private func treatment(rating: CreditRating = .c, dpd: Int, overdue: Int64 = 1_000, id: String = StrategyFixture.championId) -> String? {
        StrategyFixture.actedTreatment(StrategyFixture.facts(rating: rating, dpd: dpd, overdue: overdue, id: id))
    }

    func testCurrentCaseGetsNothing() {
        let decision = StrategyFixture.decide(StrategyFixture.facts(dpd: 0))
        XCTAssertEqual(decision.outcome, .none)
        XCTAssertEqual(decision.bucket, "current")
    }

    func testOneDayOverdueGetsAFriendlySMS() {
        XCTAssertEqual(treatment(dpd: 1), "reminder_sms")
    }

    func testFifteenDaysOverdueStillGetsAReminderNotACall() {
        XCTAssertEqual(treatment(dpd: 15), "reminder_sms")
        XCTAssertEqual(treatment(rating: .e, dpd: 15), "reminder_sms")
    }

    func testPrimeCustomerIsRemindedByEmailFirst() {
        XCTAssertEqual(treatment(rating: .a, dpd: 1), "prime_reminder_email")
        XCTAssertEqual(treatment(rating: .b, dpd: 10), "prime_reminder_email")
    }

    func testPrimeCustomerGetsOneSMSBeforeTheCallStage() {
        XCTAssertEqual(treatment(rating: .a, dpd: 11), "prime_reminder_sms")
        XCTAssertEqual(treatment(rating: .a, dpd: 15), "prime_reminder_sms")
    }

    func testSixteenDaysOverdueGetsACall() {
        XCTAssertEqual(treatment(dpd: 16), "call")
        XCTAssertEqual(StrategyFixture.decide(StrategyFixture.facts(dpd: 16)).bucket, "16-30")
    }

    func testThirtyDaysOverdueGetsACall() {
        XCTAssertEqual(treatment(dpd: 30), "call")
        XCTAssertEqual(treatment(rating: .e, dpd: 30), "call")
    }

    func testPrimeCustomerIsCalledInTheCallStage() {
        XCTAssertEqual(treatment(rating: .a, dpd: 16), "prime_call")
        XCTAssertEqual(treatment(rating: .b, dpd: 30), "prime_call")
    }

    func testThirtyOneDaysOverdueWithALargeDebtGetsAFieldVisit() {
        XCTAssertEqual(treatment(dpd: 31, overdue: 5_000), "field_visit")
        XCTAssertEqual(treatment(rating: .e, dpd: 45, overdue: 80_000), "field_visit")
    }

    func testThirtyOneDaysOverdueWithASmallDebtGetsACall() {
        XCTAssertEqual(treatment(dpd: 31, overdue: 4_999), "call")
    }

    func testSixtyOneDaysOverdueWithASmallDebtGetsALetter() {
        XCTAssertEqual(treatment(dpd: 60, overdue: 800), "call")
        XCTAssertEqual(treatment(dpd: 61, overdue: 800), "collection_letter")
    }

    func testSixtyOneDaysOverdueWithALargeDebtIsStillVisited() {
        XCTAssertEqual(treatment(dpd: 61, overdue: 9_000), "field_visit")
    }

    func testNinetyOneDaysOverdueGoesToLegalReview() {
        XCTAssertEqual(treatment(rating: .a, dpd: 91, overdue: 50_000), "legal_review")
        XCTAssertEqual(treatment(dpd: 91, overdue: 100), "legal_review")
    }

    func testNinetyDaysOverdueWithAnAverageRatingIsNotYetLegal() {
        XCTAssertEqual(treatment(dpd: 90, overdue: 100), "collection_letter")
    }

    func testHighRiskBetweenThirtyOneAndNinetyDaysIsVisitedNotTakenToLaw() {
        XCTAssertEqual(treatment(rating: .d, dpd: 90, overdue: 6_000), "field_visit")
    }

    func testDecisionCarriesSegmentBucketAndCell() {
        let decision = StrategyFixture.decide(StrategyFixture.facts(rating: .d, dpd: 40))
        XCTAssertEqual(decision.segment, .highRisk)
        XCTAssertEqual(decision.bucket, "31-60")
        XCTAssertEqual(decision.cell, "champion")
    }
}
