import ArrearsCore
import XCTest

/// Visits first, to large and long overdue debts (seeds 000, 002); then by channel.
final class TaskPriorityTests: XCTestCase {
    private let strategy = StrategyFixture.strategy()
    private func rule(_ name: String) -> TreatmentRule { strategy.treatments.first { $0.name == name }! }

    func testPriorityIsChannelRankThenOverdueAmountTimesDays() {
        let facts = StrategyFixture.facts(dpd: 40, overdue: 20_000)
        XCTAssertEqual(strategy.priority(of: rule("field_visit"), for: facts), 5 * 10_000_000_000_000_000 + 20_000 * 40)
        XCTAssertEqual(strategy.priority(of: rule("call"), for: facts), 3 * 10_000_000_000_000_000 + 20_000 * 40)
    }

    func testLargerAndLongerOverdueIsVisitedFirst() {
        let visit = rule("field_visit")
        let large = strategy.priority(of: visit, for: StrategyFixture.facts(dpd: 40, overdue: 20_000))
        let small = strategy.priority(of: visit, for: StrategyFixture.facts(dpd: 40, overdue: 6_000))
        let longer = strategy.priority(of: visit, for: StrategyFixture.facts(dpd: 120, overdue: 6_000))
        XCTAssertGreaterThan(large, small)
        XCTAssertGreaterThan(longer, small)
    }

    func testVisitsOutrankLegalReviewsCallsAndLetters() {
        let modest = StrategyFixture.facts(dpd: 31, overdue: 5_000)
        let huge = StrategyFixture.facts(dpd: 9_000, overdue: 900_000_000_000)
        XCTAssertGreaterThan(strategy.priority(of: rule("field_visit"), for: modest), strategy.priority(of: rule("legal_review"), for: huge))
        XCTAssertGreaterThan(strategy.priority(of: rule("legal_review"), for: modest), strategy.priority(of: rule("call"), for: huge))
        XCTAssertGreaterThan(strategy.priority(of: rule("call"), for: modest), strategy.priority(of: rule("collection_letter"), for: huge))
    }

    func testAmountsBeyondTheCapDoNotOverflow() {
        var facts = StrategyFixture.facts(dpd: 100_000)
        facts.overdueMinor = DecimalAmount.maxMinorUnits
        XCTAssertEqual(strategy.priority(of: rule("field_visit"), for: facts), 5 * 10_000_000_000_000_000 + 999_999_999_999 * 9_999)
    }
}
