import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import SQLKit
import XCTest

/// The visit policy's `max_score` and `priority_by: score` in a real daily run: three customers
/// alike in everything a visit needs (rating C, 53 days and CNY 6,000 overdue on 2026-11-23),
/// one scoring 450 points, one 700 and one unscored.
final class VisitScoreTests: XCTestCase {
    static let day = LocalDate(iso: "2026-11-23")!
    static let scores: [String: Int] = ["CV1": 450, "CV2": 700]

    /// The shipped strategy with visits only up to 560 points, the lowest score visited first.
    private func strategyText() throws -> String {
        let shipped = try String(contentsOf: DailyRunTests.packageRoot.appendingPathComponent("config/strategy.yaml"), encoding: .utf8)
        XCTAssertTrue(shipped.contains("  priority_by: overdue\n"))
        return shipped.replacingOccurrences(of: "version: \"2026.2\"", with: "version: \"visit-score-test\"")
            .replacingOccurrences(of: "  priority_by: overdue\n", with: "  max_score: 560\n  priority_by: score\n")
    }

    /// Each customer has one CNY account with two unpaid monthly dues of 3,000.00; the scores are
    /// put in place as the day's scoring step would have left them (no model is active, so the
    /// run's own scoring leaves them alone).
    private func loadCustomers(_ store: Store) async throws {
        for number in 1...3 {
            let customer = "CV\(number)", account = "AV\(number)"
            try await store.sql.raw("""
                INSERT INTO customers (id, name, id_number, mobile, email, address, region, time_zone, language, credit_rating)
                VALUES (\(bind: customer), \(bind: "Customer \(number)"), NULL, '13800138000', NULL, '上海市浦东新区世纪大道 100 号', '上海',
                        'Asia/Shanghai', 'zh-CN', 'C')
                """).run()
            try await store.sql.raw("""
                INSERT INTO accounts (id, customer_id, product, currency, principal_minor, opened_on)
                VALUES (\(bind: account), \(bind: customer), 'personal_loan', 'CNY', 10000000, '2025-11-01')
                """).run()
            for dueOn in ["2026-10-01", "2026-11-01"] {
                try await store.sql.raw("""
                    INSERT INTO dues (account_id, due_on, principal_minor, interest_minor, fees_minor)
                    VALUES (\(bind: account), \(bind: dueOn), 270000, 25000, 5000)
                    """).run()
            }
            if let points = Self.scores[customer] {
                try await store.sql.raw("""
                    INSERT INTO account_scores (account_id, target, model_id, business_date, probability_ppm, points)
                    VALUES (\(bind: account), 'pay30', 'pay30-v1', \(bind: Self.day.description), 500000, \(bind: points))
                    """).run()
            }
        }
    }

    func testOnlyTheLowScoringAndUnscoredCustomersAreVisitedTheLowScoreFirst() async throws {
        let text = try strategyText()
        let config = DailyRunTests.packageRoot.appendingPathComponent("config").path
        let strategy = try StrategyConfig.parse(text, file: "visit-score.yaml", buckets: .standard)
        XCTAssertEqual(strategy.visitPolicy.maxScore, 560)
        try await TestDatabases.each { store, database in
            try await loadCustomers(store)
            var run = DailyRun(store: store, strategy: strategy, buckets: .standard, agents: try TeamsConfig.load(fromDirectory: config),
                               policy: DailyRunTests.policy)
            run.strategySource = text
            _ = try await run.run(Self.day)

            var treatments: [String: String] = [:], priorities: [String: Int64] = [:]
            for row in try await store.sql.raw("SELECT customer_id, treatment, priority FROM actions WHERE business_date = \(bind: Self.day.description)").all() {
                let customer = try row.decode(column: "customer_id", as: String.self)
                treatments[customer] = try row.decode(column: "treatment", as: String.self)
                priorities[customer] = try row.decode(column: "priority", as: Int64.self)
            }
            XCTAssertEqual(treatments, ["CV1": "field_visit", "CV2": "call", "CV3": "field_visit"],
                           "700 points is above max_score; the unscored case is judged by amount and days (\(database))")
            XCTAssertGreaterThan(priorities["CV1"] ?? 0, priorities["CV3"] ?? .max, "a scored visit before an unscored one (\(database))")
            XCTAssertGreaterThan(priorities["CV3"] ?? 0, priorities["CV2"] ?? .max, "every visit before a call (\(database))")

            let stored = try await StrategyVersions.find("visit-score-test", on: store.sql)
            XCTAssertEqual(stored?.content, text, "the strategy is kept as written (\(database))")
            let reread = try StrategyConfig.parse(stored?.content ?? "", file: "stored", buckets: .standard)
            XCTAssertEqual(reread.visitPolicy, strategy.visitPolicy, database)
        }
    }
}
