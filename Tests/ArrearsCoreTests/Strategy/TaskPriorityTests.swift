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
        facts.overdueMinor = Int64.max
        XCTAssertEqual(strategy.priority(of: rule("field_visit"), for: facts), 5 * 10_000_000_000_000_000 + 999_999_999_999 * 9_999)
    }

    // MARK: priority_by: score

    private let byScore = StrategyFixture.strategy(
        visitPolicy: VisitPolicy(minOverdue: try! MajorAmount("5000"), minDays: 31, priorityBy: .score))
    private func visit(dpd: Int = 40, overdue: Int64 = 9_000, score: Int?) -> Int64 {
        byScore.priority(of: rule("field_visit"), for: StrategyFixture.facts(dpd: dpd, overdue: overdue, score: score))
    }

    func testByScoreTheLowestScoreIsVisitedFirstWhateverTheDebt() {
        XCTAssertGreaterThan(visit(dpd: 31, overdue: 5_000, score: 480), visit(dpd: 400, overdue: 900_000, score: 481))
        XCTAssertGreaterThan(visit(score: 0), visit(score: 900))
    }

    func testByScoreEqualScoresGoByOverdueTimesDays() {
        XCTAssertGreaterThan(visit(dpd: 40, overdue: 20_000, score: 500), visit(dpd: 40, overdue: 6_000, score: 500))
        XCTAssertGreaterThan(visit(dpd: 120, overdue: 6_000, score: 500), visit(dpd: 40, overdue: 6_000, score: 500))
        XCTAssertEqual(visit(dpd: 40, overdue: 20_000, score: 500) - visit(dpd: 40, overdue: 6_000, score: 500), (20_000 - 6_000) * 40)
    }

    func testByScoreUnscoredVisitsComeAfterEveryScoredOneAndKeepTheOverdueOrder() {
        XCTAssertGreaterThan(visit(dpd: 31, overdue: 5_000, score: 900), visit(dpd: 9_999, overdue: 999_999_999_999, score: nil))
        XCTAssertGreaterThan(visit(dpd: 40, overdue: 20_000, score: nil), visit(dpd: 40, overdue: 6_000, score: nil))
        let unscored = StrategyFixture.facts(dpd: 40, overdue: 20_000)
        XCTAssertEqual(visit(dpd: 40, overdue: 20_000, score: nil), strategy.priority(of: rule("field_visit"), for: unscored),
                       "an unscored visit keeps the priority it has by overdue")
    }

    func testByScoreVisitsStillOutrankEveryOtherChannel() {
        let huge = StrategyFixture.facts(dpd: 9_000, overdue: 900_000_000_000, score: 0)
        let lowestVisit = min(visit(dpd: 31, overdue: 5_000, score: 5_000), visit(dpd: 31, overdue: 5_000, score: nil))
        for name in ["legal_review", "call", "collection_letter", "prime_reminder_email", "reminder_sms"] {
            XCTAssertGreaterThan(lowestVisit, byScore.priority(of: rule(name), for: huge), name)
        }
    }

    func testByScoreOnlyVisitsChange() {
        let facts = StrategyFixture.facts(dpd: 40, overdue: 20_000, score: 300)
        for name in ["legal_review", "call", "collection_letter", "reminder_sms"] {
            XCTAssertEqual(byScore.priority(of: rule(name), for: facts), strategy.priority(of: rule(name), for: facts), name)
        }
    }

    func testByOverdueTheScoreIsIgnored() {
        let low = strategy.priority(of: rule("field_visit"), for: StrategyFixture.facts(dpd: 40, overdue: 6_000, score: 300))
        let high = strategy.priority(of: rule("field_visit"), for: StrategyFixture.facts(dpd: 40, overdue: 20_000, score: 800))
        XCTAssertGreaterThan(high, low)
        XCTAssertEqual(high, 5 * 10_000_000_000_000_000 + 20_000 * 40)
    }

    func testByScoreScoresBeyondTheRankedRangeShareItsEndsWithoutOverflow() {
        XCTAssertEqual(visit(score: -250), visit(score: 0))
        XCTAssertEqual(visit(score: 5_000), visit(score: 900))
        var facts = StrategyFixture.facts(dpd: 100_000, score: Int.min)
        facts.overdueMinor = Int64.max
        XCTAssertEqual(byScore.priority(of: rule("field_visit"), for: facts), 906 * 10_000_000_000_000_000 + 999_999_999_999 * 9_999)
    }
}
