import ArrearsCore
import ArrearsSimulation
import ArrearsStore
import SQLKit
import ArrearsTestSupport
import XCTest

final class LivingDemoTests: XCTestCase {
    func testTenBusinessDaysBringPaymentsPromisesKeptAndBrokenAndCures() async throws {
        try await TestDatabases.each { store, name in
            let (_, days) = try await DemoFixture.live(store, customers: 300, days: 10)
            XCTAssertEqual(days.map(\.run.businessDate), BusinessCalendar.days(count: 10, endingOnOrBefore: DemoFixture.today).map(\.description), name)
            XCTAssertTrue(days.allSatisfy { !$0.run.alreadyCompleted && $0.run.actions > 0 }, name)
            XCTAssertGreaterThan(days.reduce(0) { $0 + $1.simulated.collectionPayments }, 0, name)
            XCTAssertGreaterThan(days.reduce(0) { $0 + $1.simulated.onTimePayments }, 0, name)
            XCTAssertGreaterThan(days.reduce(0) { $0 + $1.simulated.customersReached }, 0, name)

            let first = days[0].run.businessDate, today = DemoFixture.today.description
            let outsideHistory = try await store.scalar("""
                SELECT COUNT(*) AS n FROM payments WHERE paid_on > '\(today)' OR (id LIKE 'SIM-%' AND paid_on < '\(first)')
                """)
            XCTAssertEqual(outsideHistory, 0, "every payment after the first day is simulated and none is dated after today (\(name))")
            let promises = try await store.scalar("SELECT COUNT(*) AS n FROM promises WHERE promised_on >= '\(first)'")
            XCTAssertEqual(promises, days.reduce(0) { $0 + $1.simulated.promisesMade }, name)
            let kept = try await store.scalar("SELECT COUNT(*) AS n FROM promises WHERE status IN ('kept', 'partly_kept')")
            let broken = try await store.scalar("SELECT COUNT(*) AS n FROM promises WHERE status = 'broken'")
            XCTAssertGreaterThan(kept, 0, name)
            XCTAssertGreaterThan(broken, 0, name)
            XCTAssertEqual(kept + broken, days.reduce(0) { $0 + $1.run.promisesSettled.values.reduce(0, +) }, name)
            let cured = try await store.scalar("SELECT COUNT(*) AS n FROM cases WHERE status = 'closed' AND close_reason = 'cured'")
            XCTAssertGreaterThan(cured, 0, name)
            let asOf = try await PositionRepository(store: store, buckets: .standard).storedAsOf()
            XCTAssertEqual(asOf, DemoFixture.today, name)

            // The demo's own models are trained before day 7 (two thirds of 10, then the next) and
            // score and monitor days 7 to 10; the last day's delinquent accounts carry their scores.
            let active = try await store.scalar("SELECT COUNT(*) AS n FROM scoring_models WHERE status = 'active'")
            XCTAssertEqual(active, 2, name)
            let monitored = try await store.scalar("SELECT COUNT(*) AS n FROM model_monitoring WHERE business_date >= '\(days[6].run.businessDate)'")
            XCTAssertEqual(monitored, 8, name)
            let earlier = try await store.scalar("SELECT COUNT(*) AS n FROM model_monitoring WHERE business_date < '\(days[6].run.businessDate)'")
            XCTAssertEqual(earlier, 0, name)
            let scored = try await store.scalar("SELECT COUNT(*) AS n FROM account_scores WHERE business_date = '\(days[9].run.businessDate)'")
            XCTAssertGreaterThan(scored, 0, name)
        }
    }

    /// On a public holiday of the pack every contact is held, so the demo ends on the working day
    /// before it: started on Monday 2026-10-05, in the week of 国庆节 (1 to 7 October), its last
    /// day is Wednesday 2026-09-30, and that day's run has work for the collectors.
    func testTheDemoStartedOnAHolidayEndsOnTheWorkingDayBefore() async throws {
        try await TestDatabases.each { store, name in
            let (_, days) = try await DemoFixture.live(store, customers: 150, days: 2, today: LocalDate(iso: "2026-10-05")!)
            XCTAssertEqual(days.map(\.run.businessDate), ["2026-09-29", "2026-09-30"], name)
            let created = try await store.scalar("SELECT COUNT(*) AS n FROM actions WHERE business_date = '2026-09-30' AND status = 'created'")
            XCTAssertGreaterThan(created, 0, name)
        }
    }

    func testChampionAndChallengerEndWithDifferentRecovery() async throws {
        try await TestDatabases.each { store, name in
            let (cells, _) = try await DemoFixture.live(store, customers: 300, days: 10)
            XCTAssertEqual(cells.map(\.cell), ["challenger", "champion"], name)
            let challenger = cells[0], champion = cells[1]
            XCTAssertGreaterThan(challenger.cases, 0, name)
            XCTAssertGreaterThan(champion.cured, 0, name)
            XCTAssertNotEqual(challenger.cureRate, champion.cureRate, name)
            XCTAssertNotEqual(challenger.collectedMinor, champion.collectedMinor, name)
            let earlyCalls = try await store.scalar("SELECT COUNT(*) AS n FROM actions WHERE treatment = 'early_call' AND cell = 'challenger'")
            let earlyCallsElsewhere = try await store.scalar("SELECT COUNT(*) AS n FROM actions WHERE treatment = 'early_call' AND cell <> 'challenger'")
            XCTAssertGreaterThan(earlyCalls, 0, "the challenger's early call is what sets it apart (\(name))")
            XCTAssertEqual(earlyCallsElsewhere, 0, name)
        }
    }
}
