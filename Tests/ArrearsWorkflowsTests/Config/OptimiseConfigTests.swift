import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import XCTest

/// A cell's `optimise:` plan in the strategy file (issue 27, "Decide by it"): read with its
/// defaults, and every mistake named by its field and line.
final class OptimiseConfigTests: XCTestCase {
    private static let config = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config")

    /// A small valid strategy whose challenger cell the tests give a plan (line 18).
    private let base = SmallStrategy.text(call: false, challenger: """
          - name: challenger
            percent: 20
            optimise: PLAN
        """)

    private func parse(_ plan: String) throws -> Strategy {
        try StrategyConfig.parse(base.replacingOccurrences(of: "PLAN", with: plan), file: "s.yaml", buckets: .standard)
    }

    func testAPlanIsReadWithItsDefaults() throws {
        let strategy = try parse("{ objective: net_recovery }")
        XCTAssertEqual(strategy.optimisePlan(forCell: "challenger"), OptimisePlan(objective: .netRecovery, horizonDays: 30, randomisedBasisPoints: 500))
        XCTAssertNil(strategy.optimisePlan(forCell: "champion"), "a cell without a plan decides by its rules")
        XCTAssertTrue(strategy.optimises)
        let given = try parse("{ objective: net_recovery, horizon_days: 60, randomised_percent: 2.5 }")
        XCTAssertEqual(given.optimisePlan(forCell: "challenger"), OptimisePlan(objective: .netRecovery, horizonDays: 60, randomisedBasisPoints: 250))
        XCTAssertEqual(try parse("{ objective: net_recovery, randomised_percent: 0 }").optimisePlan(forCell: "challenger")?.randomisedBasisPoints, 0)
    }

    func testMistakesInAPlanNameTheFieldAndTheLine() {
        for (plan, message) in [
            ("{ horizon_days: 30 }", "cell 'challenger': optimise: objective is required"),
            ("{ objective: profit }", "cell 'challenger': optimise: unknown objective 'profit' (expected net_recovery)"),
            ("{ objective: net_recovery, horizon_days: 0 }", "cell 'challenger': optimise: horizon_days must be a whole number from 1 to 365"),
            ("{ objective: net_recovery, horizon_days: 30.5 }", "cell 'challenger': optimise: horizon_days must be a whole number from 1 to 365"),
            ("{ objective: net_recovery, randomised_percent: 101 }",
             "cell 'challenger': optimise: randomised_percent must be a percentage from 0 to 100 (up to two decimals), not '101'"),
            ("{ objective: net_recovery, horizon: 30 }",
             "cell 'challenger': optimise: unknown key 'horizon' (expected objective, horizon_days, randomised_percent)"),
            ("yes", "cell 'challenger': optimise must be a mapping of keys to values"),
        ] {
            XCTAssertThrowsError(try parse(plan), plan) { error in
                XCTAssertEqual((error as? ConfigError)?.line, 18, "\(error)")
                XCTAssertEqual((error as? ConfigError)?.message, message)
            }
        }
    }

    func testAPlanBuiltInCodeIsCheckedAsTheFileWouldBe() {
        XCTAssertThrowsError(try Strategy(
            version: "t", segmentRules: [SegmentRule(segment: .standard)], treatments: [],
            visitPolicy: VisitPolicy(minOverdue: try MajorAmount("5000"), minDays: 31), holdPolicy: HoldPolicy(promiseGraceDays: 3),
            cells: [Cell(name: "optimised", basisPoints: 10_000, optimise: OptimisePlan(horizonDays: 400))], templates: [])) { error in
            XCTAssertEqual((error as? StrategyError)?.description, "cell 'optimised': optimise.horizon_days must be from 1 to 365 days, not 400")
            XCTAssertEqual((error as? StrategyError)?.key, "optimise.horizon_days")
        }
    }

    func testTheShippedOptimisedStrategiesLoad() throws {
        let optimised = try StrategyConfig.load(path: Self.config.appendingPathComponent("strategy.optimised.yaml").path, buckets: .standard)
        XCTAssertEqual(optimised.cells.map(\.name), ["optimised"])
        XCTAssertEqual(optimised.optimisePlan(forCell: "optimised"), OptimisePlan(objective: .netRecovery, horizonDays: 30, randomisedBasisPoints: 500))
        let champion = try StrategyConfig.load(path: Self.config.appendingPathComponent("strategy.champion-optimised.yaml").path, buckets: .standard)
        XCTAssertEqual(champion.cells.map(\.basisPoints), [5_000, 5_000])
        XCTAssertNil(champion.optimisePlan(forCell: "champion"))
        let shipped = try StrategyConfig.load(path: Self.config.appendingPathComponent("strategy.yaml").path, buckets: .standard)
        XCTAssertEqual(optimised.treatments, shipped.treatments.filter { $0.cells == nil }, "the default's rules are the guardrails")
        XCTAssertEqual(optimised.segmentRules, shipped.segmentRules)
        XCTAssertEqual(optimised.visitPolicy, shipped.visitPolicy)
        XCTAssertFalse(shipped.optimises)
    }

    func testDailyBudgetsAreReadFromTheTeamsFileAndMistakesNamed() throws {
        XCTAssertEqual(try TeamsConfig.parseBudgets("agents: []\ndaily_budgets: { sms: 100, letter: 5 }\n", file: "t.yaml"), [.sms: 100, .letter: 5])
        XCTAssertEqual(try TeamsConfig.parseBudgets("agents: []\n", file: "t.yaml"), [:], "no budgets: nothing limits SMS and letters")
        XCTAssertEqual(try TeamsConfig.budgets(fromDirectory: Self.config.path), [:], "the shipped teams.yaml sets none")
        for (text, message) in [
            ("daily_budgets: { call: 5 }\n", "daily_budgets: unknown key 'call' (expected sms, letter)"),
            ("daily_budgets: { sms: -1 }\n", "daily_budgets: sms must be a whole number >= 0"),
        ] {
            XCTAssertThrowsError(try TeamsConfig.parseBudgets("agents: []\n" + text, file: "t.yaml"), text) { error in
                XCTAssertEqual((error as? ConfigError)?.message, message)
                XCTAssertEqual((error as? ConfigError)?.line, 2)
            }
        }
    }
}
