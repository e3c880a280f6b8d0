import ArrearsCore
import ArrearsSampleData
import ArrearsStore
import ArrearsWorkflows
import SQLKit
import ArrearsTestSupport
import XCTest

final class DailyRunTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let day = LocalDate(iso: "2026-06-30")!

    static let policy = try! PolicyConfig.load(fromDirectory: packageRoot.appendingPathComponent("config").path)

    private func loadConfig() throws -> (Strategy, [Agent]) {
        let config = Self.packageRoot.appendingPathComponent("config").path
        let strategy = try StrategyConfig.load(path: config + "/strategy.yaml", buckets: .standard)
        return (strategy, try TeamsConfig.load(fromDirectory: config))
    }

    /// A generated portfolio of `customers`, imported.
    private func loadPortfolio(_ store: Store, customers: Int = 400) async throws {
        let directory = try TestDatabases.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try PortfolioGenerator(customers: customers, seed: 5, asOf: Self.day).write(to: directory)
        for kind in ImportKind.allCases {
            let result = try await store.importCollecting(kind, directory.appendingPathComponent("\(kind.rawValue).csv").path)
            XCTAssertFalse(result.rejected, "\(result.issues.prefix(3))")
        }
    }

    private func run(_ store: Store, _ date: LocalDate) async throws -> DailyRunSummary {
        let (strategy, agents) = try loadConfig()
        return try await DailyRun(store: store, strategy: strategy, buckets: .standard, agents: agents, policy: Self.policy).run(date)
    }

    private func scalar(_ store: Store, _ sql: String) async throws -> Int {
        try await store.sql.raw(SQLQueryString(stringLiteral: sql)).first()!.decode(column: "n", as: Int.self)
    }

    func testOneOpenCaseAndAtMostOneActionPerDelinquentCustomer() async throws {
        try await TestDatabases.each { store, name in
            try await loadPortfolio(store)
            let summary = try await run(store, Self.day)
            let delinquentCustomers = try await scalar(store, """
                SELECT COUNT(DISTINCT a.customer_id) AS n FROM account_positions p JOIN accounts a ON a.id = p.account_id WHERE p.dpd > 0
                """)
            XCTAssertGreaterThan(delinquentCustomers, 50, name)
            XCTAssertEqual(summary.casesOpened, delinquentCustomers, name)
            XCTAssertEqual(summary.casesOpen, delinquentCustomers, name)
            let open = try await scalar(store, "SELECT COUNT(*) AS n FROM cases WHERE status = 'open'")
            XCTAssertEqual(open, delinquentCustomers, name)
            let actions = try await scalar(store, "SELECT COUNT(*) AS n FROM actions WHERE business_date = '2026-06-30'")
            XCTAssertEqual(actions, summary.actions, name)
            XCTAssertGreaterThan(actions, delinquentCustomers / 2, name)
            let perCase = try await scalar(store, "SELECT COALESCE(MAX(c), 0) AS n FROM (SELECT COUNT(*) AS c FROM actions GROUP BY case_id, business_date) x")
            XCTAssertEqual(perCase, 1, name)
            let (strategy, _) = try loadConfig()
            let known = Set(strategy.treatments.map(\.name)).union(["hold"])
            XCTAssertFalse(summary.byTreatment.isEmpty, name)
            XCTAssertTrue(Set(summary.byTreatment.keys).isSubset(of: known), "\(summary.byTreatment.keys) (\(name))")
            XCTAssertEqual(summary.byCell.values.reduce(0, +), actions, name)
        }
    }

    func testSecondRunOfTheSameDateChangesNothing() async throws {
        try await TestDatabases.each { store, name in
            try await loadPortfolio(store)
            let first = try await run(store, Self.day)
            let tables = ["cases", "actions", "outbox_messages", "case_cadence", "bucket_totals", "run_days"]
            var before: [Int] = []
            for table in tables { before.append(try await store.count(table)) }
            let second = try await run(store, Self.day)
            XCTAssertTrue(second.alreadyCompleted, name)
            XCTAssertEqual(second.actions, first.actions, name)
            var after: [Int] = []
            for table in tables { after.append(try await store.count(table)) }
            XCTAssertEqual(before, after, name)
        }
    }

    func testSmsAndEmailRemindersAreQueuedInTheCustomersLanguage() async throws {
        try await TestDatabases.each { store, name in
            try await loadPortfolio(store)
            let summary = try await run(store, Self.day)
            XCTAssertGreaterThan(summary.messagesQueued, 0, name)
            let rows = try await store.sql.raw("""
                SELECT m.body, m.language, m.channel, c.language AS customer_language FROM outbox_messages m
                JOIN customers c ON c.id = m.customer_id
                """).all()
            XCTAssertEqual(rows.count, summary.messagesQueued, name)
            for row in rows {
                let language = try row.decode(column: "language", as: String.self)
                XCTAssertEqual(language, try row.decode(column: "customer_language", as: String.self), name)
                let body = try row.decode(column: "body", as: String.self)
                XCTAssertFalse(body.contains("{"), "placeholders are all filled: \(body)")
                if language == "zh-CN" { XCTAssertTrue(body.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, body) }
            }
        }
    }

    func testTasksRespectDailyCapacityAndSkills() async throws {
        try await TestDatabases.each { store, name in
            try await loadPortfolio(store, customers: 1_500)
            _ = try await run(store, Self.day)
            let (_, agents) = try loadConfig()
            for row in try await store.sql.raw("""
                SELECT assigned_to, channel, COUNT(*) AS n FROM actions WHERE assigned_to IS NOT NULL GROUP BY assigned_to, channel
                """).all() {
                let agentId = try row.decode(column: "assigned_to", as: String.self)
                let agent = try XCTUnwrap(agents.first { $0.id == agentId }, name)
                XCTAssertLessThanOrEqual(try row.decode(column: "n", as: Int.self), agent.dailyCapacity, "\(name) \(agentId)")
                XCTAssertTrue(agent.channels.map(\.rawValue).contains(try row.decode(column: "channel", as: String.self)), name)
            }
            let messagesAssigned = try await scalar(store, "SELECT COUNT(*) AS n FROM actions WHERE channel IN ('sms', 'email') AND assigned_to IS NOT NULL")
            XCTAssertEqual(messagesAssigned, 0, "messages go to the outbox, not to people (\(name))")
        }
    }

    func testCuredCustomersCasesCloseAndPromisesSettle() async throws {
        try await TestDatabases.each { store, name in
            try await loadPortfolio(store)
            _ = try await run(store, Self.day)
            // The most overdue customer pays everything; another promises and breaks it.
            let payer = try await store.sql.raw("SELECT customer_id FROM cases WHERE status = 'open' ORDER BY dpd DESC, customer_id LIMIT 1").first()!
                .decode(column: "customer_id", as: String.self)
            let breaker = try await store.sql.raw("SELECT customer_id FROM cases WHERE status = 'open' AND customer_id <> \(bind: payer) ORDER BY customer_id LIMIT 1").first()!
                .decode(column: "customer_id", as: String.self)
            var lines = ["payment_id,account_id,paid_on,amount,currency,channel"]
            for row in try await store.sql.raw("""
                SELECT a.id, a.currency, p.outstanding_minor FROM accounts a JOIN account_positions p ON p.account_id = a.id
                WHERE a.customer_id = \(bind: payer) AND p.outstanding_minor > 0
                """).all() {
                let currency = Currency(code: try row.decode(column: "currency", as: String.self))!
                let amount = DecimalAmount.format(try row.decode(column: "outstanding_minor", as: Int64.self), minorDigits: currency.minorDigits)
                lines.append("PAY-\(try row.decode(column: "id", as: String.self)),\(try row.decode(column: "id", as: String.self)),2026-07-01,\(amount),\(currency.code),bank_transfer")
            }
            let files = try CSVFiles(); defer { files.remove() }
            let imported = try await store.importCollecting(.payments, files.write("pay.csv", lines))
            XCTAssertFalse(imported.rejected, "\(imported.issues)")
            let breakerCase = try await store.sql.raw("SELECT id, currency FROM cases WHERE customer_id = \(bind: breaker) AND status = 'open'").first()!
            try await store.sql.raw("""
                INSERT INTO promises (id, case_id, customer_id, currency, amount_minor, promised_on, due_on, status)
                VALUES ('PTP-1', \(bind: try breakerCase.decode(column: "id", as: String.self)), \(bind: breaker),
                        \(bind: try breakerCase.decode(column: "currency", as: String.self)), 100000, '2026-06-30', '2026-07-01', 'pending')
                """).run()

            let next = try await run(store, LocalDate(iso: "2026-07-02")!)
            XCTAssertGreaterThanOrEqual(next.casesClosed, 1, name)
            let payerCase = try await store.sql.raw("SELECT status, close_reason FROM cases WHERE customer_id = \(bind: payer) ORDER BY opened_on DESC LIMIT 1").first()!
            XCTAssertEqual(try payerCase.decode(column: "status", as: String.self), "closed", name)
            XCTAssertEqual(try payerCase.decode(column: "close_reason", as: String.self), "cured", name)
            XCTAssertEqual(next.promisesSettled["broken"], 1, name)
            let open = try await scalar(store, "SELECT COUNT(*) AS n FROM cases WHERE status = 'open' AND customer_id = '\(payer)'")
            XCTAssertEqual(open, 0, name)
        }
    }

    func testPendingPromiseHoldsTheCase() async throws {
        try await TestDatabases.each { store, name in
            try await loadPortfolio(store)
            _ = try await run(store, Self.day)
            let open = try await store.sql.raw("SELECT id, customer_id, currency FROM cases WHERE status = 'open' ORDER BY customer_id LIMIT 1").first()!
            let customer = try open.decode(column: "customer_id", as: String.self)
            try await store.sql.raw("""
                INSERT INTO promises (id, case_id, customer_id, currency, amount_minor, promised_on, due_on, status)
                VALUES ('PTP-2', \(bind: try open.decode(column: "id", as: String.self)), \(bind: customer),
                        \(bind: try open.decode(column: "currency", as: String.self)), 100, '2026-06-30', '2026-07-10', 'pending')
                """).run()
            _ = try await run(store, LocalDate(iso: "2026-07-01")!)
            let action = try await store.sql.raw("SELECT status, treatment, reason FROM actions WHERE customer_id = \(bind: customer) AND business_date = '2026-07-01'").first()
            XCTAssertEqual(try action?.decode(column: "status", as: String.self), "held", name)
            XCTAssertEqual(try action?.decode(column: "treatment", as: String.self), "hold", name)
        }
    }
}

extension DailyRunTests {
    func testTasksNobodyHadRoomForAreDecidedAgainTheNextDay() async throws {
        try await TestDatabases.each { store, name in
            try await loadPortfolio(store, customers: 1_500)
            _ = try await run(store, Self.day)
            let queued = try await scalar(store, "SELECT COUNT(*) AS n FROM actions WHERE channel IN ('call', 'visit') AND assigned_to IS NULL")
            XCTAssertGreaterThan(queued, 0, "more calls and visits than the teams can take (\(name))")
            let marked = try await scalar(store, """
                SELECT COUNT(*) AS n FROM actions a JOIN case_cadence c ON c.case_id = a.case_id AND c.treatment = a.treatment
                WHERE a.channel IN ('call', 'visit') AND a.assigned_to IS NULL
                """)
            XCTAssertEqual(marked, 0, "a task still in the queue has not been done, so its cadence has not started (\(name))")
            let next = try await run(store, LocalDate(iso: "2026-07-01")!)
            XCTAssertGreaterThan(next.byTreatment["call", default: 0] + next.byTreatment["field_visit", default: 0], 0, name)
        }
    }
}

extension DailyRunTests {
    func testCaseWhoseOverdueAccountsAreWrittenOffClosesAsWrittenOff() async throws {
        try await TestDatabases.each { store, name in
            try await loadPortfolio(store)
            _ = try await run(store, Self.day)
            let customer = try await store.sql.raw("SELECT customer_id FROM cases WHERE status = 'open' ORDER BY dpd DESC, customer_id LIMIT 1").first()!
                .decode(column: "customer_id", as: String.self)
            var lines = ["account_id,customer_id,product,currency,principal,opened_on,written_off_on"]
            for row in try await store.sql.raw("""
                SELECT a.id, a.product, a.currency, a.principal_minor, a.opened_on FROM accounts a
                JOIN account_positions p ON p.account_id = a.id WHERE a.customer_id = \(bind: customer) AND p.dpd > 0
                """).all() {
                let currency = Currency(code: try row.decode(column: "currency", as: String.self))!
                lines.append([
                    try row.decode(column: "id", as: String.self), customer, try row.decode(column: "product", as: String.self), currency.code,
                    DecimalAmount.format(try row.decode(column: "principal_minor", as: Int64.self), minorDigits: currency.minorDigits),
                    try row.decode(column: "opened_on", as: String.self), "2026-07-01",
                ].joined(separator: ","))
            }
            let files = try CSVFiles(); defer { files.remove() }
            let imported = try await store.importCollecting(.accounts, files.write("written-off.csv", lines))
            XCTAssertFalse(imported.rejected, "\(imported.issues)")

            _ = try await run(store, LocalDate(iso: "2026-07-01")!)
            let closed = try await store.sql.raw("SELECT status, close_reason FROM cases WHERE customer_id = \(bind: customer)").first()!
            XCTAssertEqual(try closed.decode(column: "status", as: String.self), "closed", name)
            XCTAssertEqual(try closed.decode(column: "close_reason", as: String.self), "written_off", name)
            let actions = try await store.scalar("SELECT COUNT(*) AS n FROM actions WHERE customer_id = '\(customer)' AND business_date = '2026-07-01'")
            XCTAssertEqual(actions, 0, "a written-off debt is no longer chased (\(name))")
        }
    }
}
