import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// The case page says when a customer is on hold and why, on both databases: a collector agrees a
/// plan for 王芳 (KW1, AW1) on the page, the page then names the plan and the account it covers;
/// once the plan breaks, the notice is gone.
final class CaseHoldPageTests: XCTestCase {
    static let today = LocalMoment(Date(), offset: 0).date

    func testTheCasePageShowsTheHoldWhileThePlanIsKeptAndNotAfterItBreaks() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let collector = try await fixture.signedIn(.collector, username: "zhang", agentId: WorkbenchFixture.collector)
            let before = try await collector.get("/work/cases/KW1?lang=en").body.string
            XCTAssertFalse(before.contains("id=\"hold-notice\""), "\(database): no arrangement, no hold")

            let first = Self.today.adding(days: 7)
            let proposed = try await collector.post("/work/cases/KW1/arrangements", ["kind": "instalment_plan", "count": "3", "first_date": first.description])
            XCTAssertEqual(proposed.status, .seeOther, "\(database): \(proposed.body.string.prefix(300))")
            let plans = try await Arrangements.list(status: .active, accountId: "AW1", scope: .all, after: nil, limit: 10, on: fixture.store.sql)
            XCTAssertEqual(plans.count, 1, "\(database): three instalments are within a collector's own authority")
            let plan = try XCTUnwrap(plans.first)
            let held = try await collector.get("/work/cases/KW1?lang=en").body.string
            XCTAssertTrue(held.contains("id=\"hold-notice\""), database)
            XCTAssertTrue(held.contains("On hold: Instalment plan \(plan.id) · For account AW1."), "\(database): \(held)")
            let chinese = try await collector.get("/work/cases/KW1?lang=zh-CN").body.string
            XCTAssertTrue(chinese.contains("暂停催收"), database)

            // Nothing paid: the first instalment is six days late after its date, past the grace.
            let settled = try await fixture.store.transaction {
                try await ArrangementSettlement.settle(on: first.adding(days: 6), graceDays: 5, database: $0)
            }
            XCTAssertEqual(settled, [.broken: 1], database)
            let after = try await collector.get("/work/cases/KW1?lang=en").body.string
            XCTAssertFalse(after.contains("id=\"hold-notice\""), "\(database): a broken plan holds nothing")
        }
    }
}
