import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import SQLKit
import XCTest

/// Arrangements on both databases: an approved plan makes a delinquent account current, a missed
/// instalment breaks it and collection reopens, authority limits decide who may approve.
final class ArrangementsTests: XCTestCase {
    static let today = LocalDate(iso: "2026-11-24")!
    let collector = Arrangements.Actor(name: "user:c", role: .collector, scope: .all)
    let supervisor = Arrangements.Actor(name: "user:s", role: .supervisor, scope: .all)

    /// A1 owes 115.00 (100.00 + 10.00 interest + 5.00 fees) on the 15th of September, October and
    /// December 2026 and has paid nothing: on 24 November 230.00 is overdue, 70 days past due.
    static func load(_ store: Store) async throws {
        let files = try CSVFiles()
        defer { files.remove() }
        for (kind, lines) in [
            (ImportKind.customers, ["customer_id,name,credit_rating", "C1,王芳,B"]),
            (.accounts, ["account_id,customer_id,product,currency,principal,opened_on", "A1,C1,personal_loan,CNY,3000,2026-01-01"]),
            (.dues, ["account_id,due_on,principal,interest,fees", "A1,2026-09-15,100.00,10.00,5.00", "A1,2026-10-15,100.00,10.00,5.00",
                     "A1,2026-12-15,100.00,10.00,5.00"]),
        ] {
            let result = try await store.importCollecting(kind, try files.write("\(kind.rawValue).csv", lines))
            XCTAssertFalse(result.rejected, "\(result.issues)")
        }
    }

    static func pay(_ amount: Int64, on date: String, id: String, _ store: Store) async throws {
        try await store.sql.raw("""
            INSERT INTO payments (id, account_id, paid_on, amount_minor, currency, channel) VALUES (\(bind: id), 'A1', \(bind: date), \(bind: amount), 'CNY', 'bank_transfer')
            """).run()
    }

    static func position(_ store: Store, asOf: String) async throws -> (dpd: Int, overdue: Int64) {
        _ = try await PositionRepository(store: store, buckets: .standard).recompute(asOf: LocalDate(iso: asOf)!)
        let row = try await store.sql.raw("SELECT dpd, overdue_minor FROM account_positions WHERE account_id = 'A1'").first()!
        return (try row.decode(column: "dpd", as: Int.self), try row.decode(column: "overdue_minor", as: Int64.self))
    }

    func propose(_ terms: ArrangementTerms, reason: String? = nil, by actor: Arrangements.Actor, _ store: Store) async throws -> StoredArrangement {
        try await store.transaction { [today = Self.today] database in
            try await Arrangements.propose(accountId: "A1", terms: terms, reason: reason, by: actor, today: today, limits: .standard, on: database)
        }
    }

    func testAnApprovedPlanMakesTheAccountCurrentAndAMissedInstalmentReopensCollection() async throws {
        try await TestDatabases.each { store, database in
            try await Self.load(store)
            let before = try await Self.position(store, asOf: "2026-11-24")
            XCTAssertEqual(before.dpd, 70, database)
            let plan = try await propose(.instalmentPlan(count: 3, firstDate: LocalDate(iso: "2026-12-01")!), by: collector, store)
            XCTAssertEqual(plan.status, .active, "\(database): three instalments are within a collector's own authority")
            XCTAssertEqual(plan.instalments.map(\.amount), [7_668, 7_666, 7_666], "\(database): 230.00 in three, the odd cents first")
            XCTAssertEqual(plan.instalments.reduce(0) { $0 + $1.amount }, 23_000, database)
            let current = try await Self.position(store, asOf: "2026-11-24")
            XCTAssertEqual(current.dpd, 0, "\(database): the plan replaced the overdue dues")
            XCTAssertEqual(current.overdue, 0, database)

            try await Self.pay(7_668, on: "2026-12-01", id: "P1", store)
            var settled = try await store.transaction { try await ArrangementSettlement.settle(on: LocalDate(iso: "2026-12-20")!, graceDays: 5, database: $0) }
            XCTAssertEqual(settled, [:], "\(database): the first instalment was paid")
            settled = try await store.transaction { try await ArrangementSettlement.settle(on: LocalDate(iso: "2027-01-07")!, graceDays: 5, database: $0) }
            XCTAssertEqual(settled, [.broken: 1], "\(database): the second instalment is six days late")
            let broken = try await store.transaction { try await Arrangements.find(id: plan.id, scope: .all, on: $0) }
            XCTAssertEqual(broken?.status, .broken, database)
            let reopened = try await Self.position(store, asOf: "2027-01-07")
            XCTAssertEqual(reopened.dpd, 114, "\(database): September's due is unpaid again, less what was paid")
            XCTAssertEqual(reopened.overdue, 34_500 - 7_668, database)
        }
    }

    func testTheDailyRunLeavesAKeptPlanAloneAndReopensCollectionWhenItBreaks() async throws {
        try await TestDatabases.each { store, database in
            try await Self.load(store)
            _ = try await propose(.instalmentPlan(count: 3, firstDate: LocalDate(iso: "2026-12-01")!), by: collector, store)
            let config = DailyRunTests.packageRoot.appendingPathComponent("config").path
            let run = DailyRun(store: store, strategy: try StrategyConfig.load(path: config + "/strategy.yaml", buckets: .standard), buckets: .standard,
                               agents: try TeamsConfig.load(fromDirectory: config), policy: DailyRunTests.policy)
            let kept = try await run.run(Self.today)
            XCTAssertEqual(kept.casesOpened, 0, "\(database): on its plan the customer is not chased")
            try await Self.pay(7_668, on: "2026-12-01", id: "P1", store)
            let broken = try await run.run(LocalDate(iso: "2027-01-07")!)
            XCTAssertEqual(broken.arrangementsSettled, ["broken": 1], database)
            XCTAssertEqual(broken.casesOpened, 1, "\(database): collection reopens the day the plan breaks")
            let dpd = try await store.scalar("SELECT dpd AS n FROM cases WHERE customer_id = 'C1'")
            XCTAssertEqual(dpd, 114, database)
        }
    }

    func testAKeptPlanIsCompleted() async throws {
        try await TestDatabases.each { store, database in
            try await Self.load(store)
            _ = try await propose(.instalmentPlan(count: 2, firstDate: LocalDate(iso: "2026-12-01")!), by: collector, store)
            try await Self.pay(11_500, on: "2026-12-01", id: "P1", store)
            try await Self.pay(11_500, on: "2027-01-01", id: "P2", store)
            let settled = try await store.transaction { try await ArrangementSettlement.settle(on: LocalDate(iso: "2027-01-02")!, graceDays: 5, database: $0) }
            XCTAssertEqual(settled, [.completed: 1], database)
        }
    }

    func testAWaiverAboveTheCollectorsLimitNeedsASupervisor() async throws {
        try await TestDatabases.each { store, database in
            try await Self.load(store)
            let waiver = try await propose(.waiver(.share(basisPoints: 3_000)), by: collector, store)
            XCTAssertEqual(waiver.status, .proposed, database)
            XCTAssertEqual(waiver.amountMinor, 900, "\(database): 30% of 30.00 of overdue interest and fees")
            XCTAssertEqual(waiver.requiredRole, .supervisor, database)
            do {
                _ = try await store.transaction { [collector] in
                    try await Arrangements.approve(id: waiver.id, note: nil, by: collector, today: Self.today, limits: .standard, on: $0)
                }
                XCTFail("\(database): a collector may not approve it")
            } catch let error as ArrangementError {
                XCTAssertEqual(error.field, "max_waiver_share", database)
            }
            let approved = try await store.transaction { [supervisor] in
                try await Arrangements.approve(id: waiver.id, note: "hardship", by: supervisor, today: Self.today, limits: .standard, on: $0)
            }
            XCTAssertEqual(approved.status, .completed, database)
            let owed = try await store.sql.raw("SELECT CAST(SUM(principal_minor + interest_minor + fees_minor) AS BIGINT) AS total FROM dues").first()!
            XCTAssertEqual(try owed.decode(column: "total", as: Int64.self), 34_500 - 900, database)
            let actions = try await AuditLog.entries(from: Self.today.adding(days: -400), to: Self.today.adding(days: 400), on: store.sql).map(\.action)
            XCTAssertTrue(actions.contains("arrangement.approve"), database)
        }
    }

    func testAnAccountHasAtMostOneOpenArrangement() async throws {
        try await TestDatabases.each { store, database in
            try await Self.load(store)
            _ = try await propose(.settlement(amount: 20_000, payBy: LocalDate(iso: "2026-12-31")!), by: collector, store)
            do {
                _ = try await propose(.deferral(newDueDate: LocalDate(iso: "2026-12-20")!), reason: "lost job", by: supervisor, store)
                XCTFail("\(database): the settlement is still open")
            } catch let error as ArrangementError {
                XCTAssertEqual(error.field, "account_id", database)
            }
        }
    }

    func testAPaidSettlementForgivesTheRestAndAnUnpaidOneBreaksWithoutChangingTheDues() async throws {
        try await TestDatabases.each { store, database in
            try await Self.load(store)
            let proposed = try await propose(.settlement(amount: 30_000, payBy: LocalDate(iso: "2026-12-31")!), by: supervisor, store)
            XCTAssertEqual(proposed.status, .proposed, "\(database): 13% off is within a supervisor's 20%, but four eyes: another approver decides")
            let other = Arrangements.Actor(name: "user:s2", role: .supervisor, scope: .all)
            let settlement = try await store.transaction { [today = Self.today] in
                try await Arrangements.approve(id: proposed.id, note: nil, by: other, today: today, limits: .standard, on: $0)
            }
            XCTAssertEqual(settlement.status, .active, database)
            try await Self.pay(30_000, on: "2026-12-30", id: "P1", store)
            let settled = try await store.transaction { try await ArrangementSettlement.settle(on: LocalDate(iso: "2026-12-31")!, graceDays: 5, database: $0) }
            XCTAssertEqual(settled, [.completed: 1], database)
            let outstanding = try await store.sql.raw("SELECT CAST(SUM(principal_minor + interest_minor + fees_minor) AS BIGINT) AS total FROM dues").first()!
            XCTAssertEqual(try outstanding.decode(column: "total", as: Int64.self), 30_000, "\(database): the rest of the balance is forgiven")
        }
    }

    func testTermsThatAreWrongOrBeyondEveryLimitAreRefused() async throws {
        try await TestDatabases.each { store, database in
            try await Self.load(store)
            let cases: [(ArrangementTerms, String?, String)] = [
                (.deferral(newDueDate: LocalDate(iso: "2026-12-20")!), nil, "reason"),
                (.deferral(newDueDate: LocalDate(iso: "2026-11-24")!), "lost job", "new_due_date"),
                (.instalmentPlan(count: 61, firstDate: LocalDate(iso: "2026-12-01")!), nil, "count"),
                (.instalmentPlan(count: 3, firstDate: LocalDate(iso: "2026-11-01")!), nil, "first_date"),
                (.waiver(.amount(3_001)), nil, "waiver_amount"),
                (.settlement(amount: 34_500, payBy: LocalDate(iso: "2026-12-31")!), nil, "amount"),
                (.settlement(amount: 10_000, payBy: LocalDate(iso: "2026-12-31")!), nil, "max_settlement_discount"),
            ]
            for (terms, reason, field) in cases {
                do { _ = try await propose(terms, reason: reason, by: collector, store); XCTFail("\(database): \(terms)") } catch let error as ArrangementError {
                    XCTAssertEqual(error.field, field, "\(database): \(terms): \(error)")
                }
            }
        }
    }
}
