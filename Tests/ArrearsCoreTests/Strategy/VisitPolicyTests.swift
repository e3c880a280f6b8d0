import ArrearsCore
import XCTest

/// Field visits only for large, long-overdue debts (seeds 000 and 002).
final class VisitPolicyTests: XCTestCase {
    func testVisitNeedsTheMinimumOverdueAmount() {
        var facts = StrategyFixture.facts(dpd: 40)
        facts.overdueMinor = 499_999
        XCTAssertEqual(StrategyFixture.actedTreatment(facts), "call")
        facts.overdueMinor = 500_000
        XCTAssertEqual(StrategyFixture.actedTreatment(facts), "field_visit")
    }

    func testVisitNeedsTheMinimumDaysOfThePolicy() throws {
        let strict = StrategyFixture.strategy(visitPolicy: VisitPolicy(minOverdue: try MajorAmount("5000"), minDays: 45))
        XCTAssertEqual(StrategyFixture.actedTreatment(StrategyFixture.facts(dpd: 44, overdue: 9_000), strategy: strict), "call")
        XCTAssertEqual(StrategyFixture.actedTreatment(StrategyFixture.facts(dpd: 45, overdue: 9_000), strategy: strict), "field_visit")
    }

    func testThresholdIsInTheCaseCurrencysMajorUnits() {
        let yen = Currency(code: "JPY")!, dinar = Currency(code: "KWD")!
        XCTAssertEqual(StrategyFixture.actedTreatment(StrategyFixture.facts(dpd: 40, overdue: 5_000, currency: yen)), "field_visit")
        XCTAssertEqual(StrategyFixture.actedTreatment(StrategyFixture.facts(dpd: 40, overdue: 4_999, currency: yen)), "call")
        var kwd = StrategyFixture.facts(dpd: 40, currency: dinar)
        kwd.overdueMinor = 5_000_000
        XCTAssertEqual(StrategyFixture.actedTreatment(kwd), "field_visit")
        kwd.overdueMinor = 4_999_999
        XCTAssertEqual(StrategyFixture.actedTreatment(kwd), "call")
    }

    func testPolicyAllowsOnlyWhenBothThresholdsAreMet() throws {
        let policy = VisitPolicy(minOverdue: try MajorAmount("5000"), minDays: 31)
        XCTAssertTrue(policy.allowsVisit(to: StrategyFixture.facts(dpd: 31, overdue: 5_000)))
        XCTAssertFalse(policy.allowsVisit(to: StrategyFixture.facts(dpd: 30, overdue: 50_000)))
        XCTAssertFalse(policy.allowsVisit(to: StrategyFixture.facts(dpd: 300, overdue: 4_999)))
    }

    // MARK: max_score: visits for the customers least likely to pay

    private func scoreCapped(_ maxScore: Int) throws -> VisitPolicy {
        VisitPolicy(minOverdue: try MajorAmount("5000"), minDays: 31, maxScore: maxScore)
    }

    func testMaxScoreAllowsScoresUpToAndIncludingIt() throws {
        let policy = try scoreCapped(560)
        XCTAssertTrue(policy.allowsVisit(to: StrategyFixture.facts(dpd: 40, overdue: 9_000, score: 480)))
        XCTAssertTrue(policy.allowsVisit(to: StrategyFixture.facts(dpd: 40, overdue: 9_000, score: 560)))
        XCTAssertFalse(policy.allowsVisit(to: StrategyFixture.facts(dpd: 40, overdue: 9_000, score: 561)))
    }

    func testCaseWithoutAScoreIsJudgedByTheOtherThresholdsAlone() throws {
        let policy = try scoreCapped(560)
        XCTAssertTrue(policy.allowsVisit(to: StrategyFixture.facts(dpd: 40, overdue: 9_000, score: nil)))
        XCTAssertFalse(policy.allowsVisit(to: StrategyFixture.facts(dpd: 30, overdue: 9_000, score: nil)))
        XCTAssertFalse(policy.allowsVisit(to: StrategyFixture.facts(dpd: 40, overdue: 4_999, score: nil)))
    }

    func testALowScoreDoesNotWaiveTheOtherThresholds() throws {
        let policy = try scoreCapped(560)
        XCTAssertFalse(policy.allowsVisit(to: StrategyFixture.facts(dpd: 30, overdue: 9_000, score: 300)))
        XCTAssertFalse(policy.allowsVisit(to: StrategyFixture.facts(dpd: 40, overdue: 4_999, score: 300)))
    }

    func testWithoutMaxScoreTheScoreDoesNotMatter() throws {
        let policy = VisitPolicy(minOverdue: try MajorAmount("5000"), minDays: 31)
        XCTAssertTrue(policy.allowsVisit(to: StrategyFixture.facts(dpd: 40, overdue: 9_000, score: 900)))
    }

    func testACustomerLikelyToPayIsCalledInsteadOfVisited() throws {
        let strategy = StrategyFixture.strategy(visitPolicy: try scoreCapped(560))
        XCTAssertEqual(StrategyFixture.actedTreatment(StrategyFixture.facts(dpd: 40, overdue: 9_000, score: 520), strategy: strategy), "field_visit")
        XCTAssertEqual(StrategyFixture.actedTreatment(StrategyFixture.facts(dpd: 40, overdue: 9_000, score: 640), strategy: strategy), "call")
        XCTAssertEqual(StrategyFixture.actedTreatment(StrategyFixture.facts(dpd: 40, overdue: 9_000), strategy: strategy), "field_visit")
    }
}
