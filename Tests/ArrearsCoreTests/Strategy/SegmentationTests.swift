import ArrearsCore
import XCTest

/// Seed 004's segments: prime (good credit, short overdue), standard, high risk (poor credit, long overdue).
final class SegmentationTests: XCTestCase {
    private func segment(_ rating: CreditRating, dpd: Int) -> Segment {
        StrategyFixture.strategy().segment(for: StrategyFixture.facts(rating: rating, dpd: dpd))
    }

    func testGoodRatingAndShortOverdueIsPrime() {
        XCTAssertEqual(segment(.a, dpd: 1), .prime)
        XCTAssertEqual(segment(.b, dpd: 30), .prime)
    }

    func testGoodRatingPastThirtyDaysIsStandard() {
        XCTAssertEqual(segment(.a, dpd: 31), .standard)
        XCTAssertEqual(segment(.b, dpd: 90), .standard)
    }

    func testAverageRatingIsStandard() {
        XCTAssertEqual(segment(.c, dpd: 1), .standard)
        XCTAssertEqual(segment(.c, dpd: 90), .standard)
    }

    func testPoorRatingIsStandardUntilThirtyDays() {
        XCTAssertEqual(segment(.d, dpd: 30), .standard)
        XCTAssertEqual(segment(.e, dpd: 5), .standard)
    }

    func testPoorRatingPastThirtyDaysIsHighRisk() {
        XCTAssertEqual(segment(.d, dpd: 31), .highRisk)
        XCTAssertEqual(segment(.e, dpd: 60), .highRisk)
    }

    func testAnyRatingPastNinetyDaysIsHighRisk() {
        XCTAssertEqual(segment(.a, dpd: 91), .highRisk)
        XCTAssertEqual(segment(.c, dpd: 400), .highRisk)
    }

    func testAmountProductAndScoreConditionsRestrictARule() throws {
        let rule = SegmentRule(segment: .highRisk, minOverdue: try MajorAmount("10000"), maxOverdue: try MajorAmount("20000"),
                               products: [.corporateLoan], minScore: 0, maxScore: 300)
        var facts = StrategyFixture.facts(dpd: 5, overdue: 15_000)
        facts.products = [.creditCard, .corporateLoan]
        facts.score = 120
        XCTAssertTrue(rule.matches(facts))
        var noScore = facts
        noScore.score = nil
        XCTAssertFalse(rule.matches(noScore), "a score condition never matches a case without a score")
        var otherProduct = facts
        otherProduct.products = [.personalLoan]
        XCTAssertFalse(rule.matches(otherProduct))
        var tooLarge = facts
        tooLarge.overdueMinor = 2_000_001
        XCTAssertFalse(rule.matches(tooLarge))
        var atTheTop = facts
        atTheTop.overdueMinor = 2_000_000
        XCTAssertTrue(rule.matches(atTheTop), "ranges include both ends")
    }
}
