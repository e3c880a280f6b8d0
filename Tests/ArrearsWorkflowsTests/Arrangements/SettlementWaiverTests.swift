import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import SQLKit
import XCTest

/// A settlement paid in full through the daily run, on both databases: the account is held while
/// it is kept, and once paid the rest of the balance is forgiven with the approval as the reason.
final class SettlementWaiverTests: XCTestCase {
    func testAPaidSettlementForgivesTheRestWithItsApprovalAsTheReason() async throws {
        try await TestDatabases.each { store, database in
            try await ArrangementsTests.load(store)
            let supervisor = Arrangements.Actor(name: "user:s", role: .supervisor, scope: .all)
            var settlement = try await store.transaction { database in
                try await Arrangements.propose(accountId: "A1", terms: .settlement(amount: 30_000, payBy: LocalDate(iso: "2026-12-31")!), reason: nil,
                                               by: supervisor, today: ArrangementsTests.today, limits: .standard, on: database)
            }
            if settlement.status == .proposed {  // where four eyes hold for settlements, another approves it
                settlement = try await store.transaction { [id = settlement.id] database in
                    try await Arrangements.approve(id: id, note: "hardship confirmed", by: Arrangements.Actor(name: "user:a", role: .admin, scope: .all),
                                                   today: ArrangementsTests.today, limits: .standard, on: database)
                }
            }
            XCTAssertEqual(settlement.status, .active, database)
            let approval = "approved by \(settlement.decidedBy ?? "") on 2026-11-24: \(settlement.decisionNote ?? "")"
            let config = DailyRunTests.packageRoot.appendingPathComponent("config").path
            let run = DailyRun(store: store, strategy: try StrategyConfig.load(path: config + "/strategy.yaml", buckets: .standard), buckets: .standard,
                               agents: try TeamsConfig.load(fromDirectory: config), policy: DailyRunTests.policy)
            _ = try await run.run(LocalDate(iso: "2026-12-01")!)
            let held = try await store.sql.raw("SELECT status, reason FROM actions WHERE business_date = '2026-12-01'").first()
            XCTAssertEqual(try held?.decode(column: "status", as: String.self), "held", database)
            XCTAssertEqual(try held?.decode(column: "reason", as: String.self), "arrangement being kept: settlement \(settlement.id) on account A1", database)

            try await ArrangementsTests.pay(30_000, on: "2026-12-10", id: "P1", store)
            let paid = try await run.run(LocalDate(iso: "2026-12-11")!)
            XCTAssertEqual(paid.arrangementsSettled, ["completed": 1], database)
            let owed = try await store.sql.raw("SELECT CAST(SUM(principal_minor + interest_minor + fees_minor) AS BIGINT) AS total FROM dues").first()!
            XCTAssertEqual(try owed.decode(column: "total", as: Int64.self), 30_000, "\(database): what was paid is all that was owed")
            // Audit entries carry the wall-clock time they were written at, so read them all.
            let entries = try await AuditLog.entries(from: LocalDate(iso: "2000-01-01")!, to: LocalDate(iso: "2999-12-31")!, on: store.sql)
            let completed = try XCTUnwrap(entries.first { $0.action == "arrangement.completed" && $0.subject == settlement.id }, database)
            let details = try JSONDecoder().decode([String: String].self, from: Data(completed.details.utf8))
            XCTAssertEqual(details["forgiven_minor"], "4500", database)
            XCTAssertEqual(details["reason"], "settlement \(settlement.id) for 300.00 CNY \(approval)", database)
            XCTAssertEqual(details["approved_by"], settlement.decidedBy, database)
            XCTAssertEqual(details["approved_on"], "2026-11-24", database)
            XCTAssertTrue(approval.hasPrefix("approved by user:"), approval)
        }
    }

    /// A1 owes 345.00, 230.00 of it overdue 70 days; settled for 300.00 by 31 December.
    private func approvedSettlement(_ store: Store) async throws -> StoredArrangement {
        try await ArrangementsTests.load(store)
        let proposed = try await store.transaction { database in
            try await Arrangements.propose(accountId: "A1", terms: .settlement(amount: 30_000, payBy: LocalDate(iso: "2026-12-31")!), reason: nil,
                                           by: Arrangements.Actor(name: "user:s", role: .supervisor, scope: .all), today: ArrangementsTests.today,
                                           limits: .standard, on: database)
        }
        guard proposed.status == .proposed else { return proposed }
        return try await store.transaction { database in
            try await Arrangements.approve(id: proposed.id, note: "hardship confirmed", by: Arrangements.Actor(name: "user:a", role: .admin, scope: .all),
                                           today: ArrangementsTests.today, limits: .standard, on: database)
        }
    }

    private func dailyRun(_ store: Store) throws -> DailyRun {
        let config = DailyRunTests.packageRoot.appendingPathComponent("config").path
        return DailyRun(store: store, strategy: try StrategyConfig.load(path: config + "/strategy.yaml", buckets: .standard), buckets: .standard,
                        agents: try TeamsConfig.load(fromDirectory: config), policy: DailyRunTests.policy)
    }

    private func owed(_ store: Store) async throws -> (overdue: Int64, outstanding: Int64, dpd: Int, caseOverdue: Int64?) {
        let position = try await store.sql.raw("SELECT overdue_minor, outstanding_minor, dpd FROM account_positions WHERE account_id = 'A1'").first()!
        let open = try await store.sql.raw("SELECT overdue_minor FROM cases WHERE customer_id = 'C1' AND status = 'open'").first()
        return (try position.decode(column: "overdue_minor", as: Int64.self), try position.decode(column: "outstanding_minor", as: Int64.self),
                try position.decode(column: "dpd", as: Int.self), try open?.decode(column: "overdue_minor", as: Int64.self))
    }

    func testWhileASettlementIsKeptItsAmountIsWhatIsOwedAndOnceBrokenTheBalanceLessWhatWasPaidIsOwedTheNextDay() async throws {
        try await TestDatabases.each { store, database in
            let settlement = try await approvedSettlement(store)
            XCTAssertEqual(settlement.status, .active, database)
            let run = try dailyRun(store)
            _ = try await run.run(LocalDate(iso: "2026-12-01")!)
            var now = try await owed(store)
            XCTAssertEqual(now.overdue, 30_000, "\(database): the settlement's amount is owed, not the 345.00 balance")
            XCTAssertEqual(now.outstanding, 30_000, database)
            XCTAssertEqual(now.dpd, 77, "\(database): as late as the oldest unpaid due")
            XCTAssertEqual(now.caseOverdue, 30_000, "\(database): the case owes the settlement's amount")
            let message = try await store.sql.raw("SELECT COUNT(*) AS n FROM outbox_messages").first()?.decode(column: "n", as: Int.self)
            XCTAssertEqual(message, 0, "\(database): the customer keeping the settlement is not chased")

            try await ArrangementsTests.pay(10_000, on: "2026-12-05", id: "P1", store)
            _ = try await run.run(LocalDate(iso: "2026-12-31")!)
            now = try await owed(store)
            XCTAssertEqual(now.overdue, 20_000, "\(database): 300.00 less the 100.00 paid")
            XCTAssertEqual(now.caseOverdue, 20_000, database)
            let kept = try await store.sql.raw("SELECT status FROM actions WHERE business_date = '2026-12-31'").first()
            XCTAssertEqual(try kept?.decode(column: "status", as: String.self), "held", "\(database): still kept on its pay-by date")

            let broken = try await run.run(LocalDate(iso: "2027-01-01")!)
            XCTAssertEqual(broken.arrangementsSettled, ["broken": 1], "\(database): unpaid the day after its pay-by date, with no grace")
            now = try await owed(store)
            XCTAssertEqual(now.overdue, 24_500, "\(database): the full 345.00 less the 100.00 paid is owed again")
            XCTAssertEqual(now.outstanding, 24_500, database)
            XCTAssertEqual(now.caseOverdue, 24_500, database)
            let reopened = try await store.sql.raw("SELECT status FROM actions WHERE business_date = '2027-01-01'").first()
            XCTAssertNotEqual(try reopened?.decode(column: "status", as: String.self), "held", "\(database): collection reopens")

            // Running the day, or recomputing positions, again changes nothing.
            _ = try await run.run(LocalDate(iso: "2027-01-01")!)
            let entries = try await AuditLog.entries(from: LocalDate(iso: "2000-01-01")!, to: LocalDate(iso: "2999-12-31")!, on: store.sql)
            XCTAssertEqual(entries.filter { $0.action == "arrangement.broken" && $0.subject == settlement.id }.count, 1, "\(database): broken once")
            _ = try await PositionRepository(store: store, buckets: .standard).recompute(asOf: LocalDate(iso: "2027-01-01")!)
            let recomputed = try await owed(store)
            XCTAssertEqual(recomputed.overdue, 24_500, database)
        }
    }

    func testAPaidSettlementClosesTheCaseAsSettledAndARerunForgivesNothingMore() async throws {
        try await TestDatabases.each { store, database in
            let settlement = try await approvedSettlement(store)
            let run = try dailyRun(store)
            _ = try await run.run(LocalDate(iso: "2026-12-01")!)
            try await ArrangementsTests.pay(30_000, on: "2026-12-10", id: "P1", store)
            _ = try await run.run(LocalDate(iso: "2026-12-11")!)
            let closed = try await store.sql.raw("SELECT status, close_reason FROM cases WHERE customer_id = 'C1'").first()
            XCTAssertEqual(try closed?.decode(column: "status", as: String.self), "closed", database)
            XCTAssertEqual(try closed?.decode(column: "close_reason", as: String.self), "settled", "\(database): settled, not cured")
            let now = try await owed(store)
            XCTAssertEqual(now.outstanding, 0, database)
            _ = try await run.run(LocalDate(iso: "2026-12-12")!)
            let entries = try await AuditLog.entries(from: LocalDate(iso: "2000-01-01")!, to: LocalDate(iso: "2999-12-31")!, on: store.sql)
            XCTAssertEqual(entries.filter { $0.action == "arrangement.completed" && $0.subject == settlement.id }.count, 1, "\(database): forgiven once")
            let later = try await owed(store)
            XCTAssertEqual(later.outstanding, 0, database)
        }
    }
}
