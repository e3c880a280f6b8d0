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
            XCTAssertTrue(approval.hasPrefix("approved by user:"), approval)
        }
    }
}
