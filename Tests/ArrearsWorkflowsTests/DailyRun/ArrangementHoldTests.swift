import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import SQLKit
import XCTest

/// Holds through the daily run, on both databases: a customer keeping an instalment plan or a
/// settlement is not chased on the accounts it covers (the day's action is `held`, with the
/// arrangement in its reason), the customer's other delinquent accounts are chased as
/// `hold_policy.arrangement_scope` says, and a broken plan reopens collection the next day.
final class ArrangementHoldTests: XCTestCase {
    let supervisor = Arrangements.Actor(name: "user:s", role: .supervisor, scope: .all)
    static let proposedOn = LocalDate(iso: "2026-11-24")!

    /// C1 owns A1; C2 owns A2 and A3. A1 and A2 owe 115.00 on the 15th of September, October and
    /// December 2026; A3 owes 50.00 on 1 November. On 24 November A1 goes on a three-instalment
    /// plan (76.68 due 1 December first) and A2 on a 300.00 settlement payable by 31 December.
    private func load(_ store: Store) async throws -> (plan: StoredArrangement, settlement: StoredArrangement) {
        let files = try CSVFiles()
        defer { files.remove() }
        let owed = ["2026-09-15", "2026-10-15", "2026-12-15"]
        for (kind, lines) in [
            (ImportKind.customers, ["customer_id,name,credit_rating", "C1,王芳,B", "C2,李雷,B"]),
            (.accounts, ["account_id,customer_id,product,currency,principal,opened_on", "A1,C1,personal_loan,CNY,3000,2026-01-01",
                         "A2,C2,personal_loan,CNY,3000,2026-01-01", "A3,C2,credit_card,CNY,1000,2026-01-01"]),
            (.dues, ["account_id,due_on,principal,interest,fees"] + owed.map { "A1,\($0),100.00,10.00,5.00" } + owed.map { "A2,\($0),100.00,10.00,5.00" }
                + ["A3,2026-11-01,50.00,0,0"]),
        ] {
            let result = try await store.importCollecting(kind, try files.write("\(kind.rawValue).csv", lines))
            XCTAssertFalse(result.rejected, "\(result.issues)")
        }
        _ = try await PositionRepository(store: store, buckets: .standard).recompute(asOf: Self.proposedOn)
        return try await store.transaction { [supervisor] database in
            let plan = try await Arrangements.propose(accountId: "A1", terms: .instalmentPlan(count: 3, firstDate: LocalDate(iso: "2026-12-01")!), reason: nil,
                                                      by: supervisor, today: Self.proposedOn, limits: .standard, on: database)
            let settlement = try await Arrangements.propose(accountId: "A2", terms: .settlement(amount: 30_000, payBy: LocalDate(iso: "2026-12-31")!), reason: nil,
                                                            by: supervisor, today: Self.proposedOn, limits: .standard, on: database)
            // Where four eyes hold for settlements, another approves it.
            guard settlement.status == .proposed else { return (plan, settlement) }
            return (plan, try await Arrangements.approve(id: settlement.id, note: nil, by: Arrangements.Actor(name: "user:a", role: .admin, scope: .all),
                                                         today: Self.proposedOn, limits: .standard, on: database))
        }
    }

    private func strategy(scope: String?) throws -> Strategy {
        let path = DailyRunTests.packageRoot.appendingPathComponent("config/strategy.yaml").path
        let shipped = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(shipped.contains("  promise_grace_days: 3\n"))
        guard let scope else { return try StrategyConfig.parse(shipped, file: path, buckets: .standard) }
        return try StrategyConfig.parse(shipped.replacingOccurrences(of: "version: \"2026.2\"", with: "version: \"hold-\(scope)\"")
            .replacingOccurrences(of: "  promise_grace_days: 3\n", with: "  promise_grace_days: 3\n  arrangement_scope: \(scope)\n"), file: path, buckets: .standard)
    }

    private func run(_ store: Store, _ strategy: Strategy, _ day: String) async throws -> DailyRunSummary {
        let config = DailyRunTests.packageRoot.appendingPathComponent("config").path
        return try await DailyRun(store: store, strategy: strategy, buckets: .standard, agents: try TeamsConfig.load(fromDirectory: config),
                                  policy: DailyRunTests.policy).run(LocalDate(iso: day)!)
    }

    /// The customer's action on `day`: treatment, status and reason; nil when there is none.
    private func action(_ store: Store, _ customer: String, _ day: String) async throws -> (treatment: String, status: String, reason: String)? {
        guard let row = try await store.sql.raw("""
            SELECT x.treatment, x.status, x.reason FROM actions x JOIN cases c ON c.id = x.case_id
            WHERE c.customer_id = \(bind: customer) AND x.business_date = \(bind: day)
            """).first() else { return nil }
        return (try row.decode(column: "treatment", as: String.self), try row.decode(column: "status", as: String.self),
                try row.decode(column: "reason", as: String.self))
    }

    private func contacts(_ store: Store, _ customer: String) async throws -> Int {
        try await store.scalar("SELECT COUNT(*) AS n FROM outbox_messages WHERE customer_id = '\(customer)'")
    }

    func testAKeptPlanHoldsItsAccountUntilItBreaksAndTheCustomersOtherAccountIsChased() async throws {
        try await TestDatabases.each { store, database in
            let (plan, settlement) = try await load(store)
            XCTAssertEqual(plan.status, .active, database)
            XCTAssertEqual(settlement.status, .active, database)
            let strategy = try strategy(scope: nil)
            XCTAssertEqual(strategy.holdPolicy.arrangementScope, .coveredAccounts, database)

            // 3 December: A1's first instalment is two days late (within the five days' grace).
            _ = try await run(store, strategy, "2026-12-03")
            let held = try await action(store, "C1", "2026-12-03")
            XCTAssertEqual(held?.treatment, "hold", database)
            XCTAssertEqual(held?.status, "held", database)
            XCTAssertEqual(held?.reason, "arrangement being kept: instalment_plan \(plan.id) on account A1", database)
            let c1Messages = try await contacts(store, "C1")
            XCTAssertEqual(c1Messages, 0, "\(database): no SMS to a customer keeping their plan")
            // C2's settled account A2 is held; A3, which nothing covers, is chased on its own.
            let chased = try await action(store, "C2", "2026-12-03")
            XCTAssertNotEqual(chased?.treatment, "hold", database)
            XCTAssertTrue(["created", "blocked"].contains(chased?.status ?? ""), "\(String(describing: chased)) (\(database))")
            let caseDpd = try await store.scalar("SELECT dpd AS n FROM cases WHERE customer_id = 'C2'")
            XCTAssertEqual(caseDpd, 32, "\(database): the case is decided on A3 alone, not on A2's 79 days")

            // 6 December, the grace's last day: still held. 7 December: broken, chased again.
            _ = try await run(store, strategy, "2026-12-06")
            let lastGraceDay = try await action(store, "C1", "2026-12-06")
            XCTAssertEqual(lastGraceDay?.status, "held", database)
            let broken = try await run(store, strategy, "2026-12-07")
            XCTAssertEqual(broken.arrangementsSettled, ["broken": 1], database)
            let reopened = try await action(store, "C1", "2026-12-07")
            XCTAssertNotNil(reopened, database)
            XCTAssertNotEqual(reopened?.treatment, "hold", database)
            XCTAssertTrue(["created", "blocked"].contains(reopened?.status ?? ""), "\(String(describing: reopened)) (\(database))")
        }
    }

    func testWithTheCustomerScopeEveryAccountOfACustomerKeepingAnArrangementIsHeld() async throws {
        try await TestDatabases.each { store, database in
            let (_, settlement) = try await load(store)
            _ = try await run(store, try strategy(scope: "customer"), "2026-12-03")
            let held = try await action(store, "C2", "2026-12-03")
            XCTAssertEqual(held?.status, "held", database)
            XCTAssertEqual(held?.reason, "arrangement being kept: settlement \(settlement.id) on account A2", database)
            let c2Messages = try await contacts(store, "C2")
            XCTAssertEqual(c2Messages, 0, database)
        }
    }
}
