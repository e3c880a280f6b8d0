import ArrearsCore
import ArrearsSampleData
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import SQLKit
import XCTest

final class ModelTrainingTests: XCTestCase {
    static let day = LocalDate(iso: "2026-06-30")!

    private func loadPortfolio(_ store: Store, customers: Int = 600) async throws {
        try await store.importGenerated(customers: customers, seed: 11, asOf: Self.day)
    }

    private func run(_ store: Store, _ date: LocalDate) async throws -> DailyRunSummary {
        let config = ShippedConfig.directory
        let strategy = try StrategyConfig.load(path: config + "/strategy.yaml", buckets: .standard)
        return try await DailyRun(store: store, strategy: strategy, buckets: .standard, agents: try TeamsConfig.load(fromDirectory: config),
                                  policy: ShippedConfig.policy).run(date)
    }

    func testBothModelsLearnFromTheLedgerAndRankBetterThanChanceOnTheHeldOutMonths() async throws {
        try await TestDatabases.each { store, database in
            try await loadPortfolio(store)
            for target in ScoringTarget.allCases {
                let model = try await ModelTraining(target: target, asOf: Self.day).train(on: store, actor: "analyst")
                XCTAssertEqual(model.id, "\(target.rawValue)-v1", database)
                XCTAssertEqual(model.status, .candidate, database)
                let holdout = model.definition.holdout
                XCTAssertGreaterThan(holdout.count, 50, "\(target) hold-out rows (\(database))")
                XCTAssertGreaterThan(holdout.auc, 0.65, "\(target) hold-out AUC (\(database))")
                XCTAssertEqual(holdout.gini, 2 * holdout.auc - 1, accuracy: 1e-9)
                XCTAssertGreaterThanOrEqual(model.definition.holdoutAfter, model.definition.since, database)
                XCTAssertFalse(model.definition.scorecard?.features.isEmpty ?? true, database)
            }
            let stored = try await ModelRegistry(database: store.sql).all()
            XCTAssertEqual(stored.map(\.id), ["pay30-v1", "roll-v1"], database)
            let audited = try await store.count("audit_log WHERE action = 'model.train'")
            XCTAssertEqual(audited, 2, database)
        }
    }

    func testTheDailyRunScoresEveryDelinquentAccountWithTheActiveModelOnlyOnce() async throws {
        try await TestDatabases.each { store, database in
            try await loadPortfolio(store)
            let first = try await ModelTraining(target: .pay30, asOf: Self.day).train(on: store, actor: "analyst")
            let withoutActive = try await run(store, Self.day)
            XCTAssertEqual(withoutActive.scoring?.scored, [:], "a candidate is not used: \(database)")
            _ = try await store.transaction { try await ModelRegistry(database: $0).activate(first.id, actor: "manager") }

            let next = Self.day.adding(days: 1)
            let summary = try await run(store, next)
            let delinquent = try await store.count("account_positions WHERE dpd > 0")
            XCTAssertEqual(summary.scoring?.scored["pay30"], delinquent, database)
            let scores = try await store.count("account_scores WHERE target = 'pay30' AND model_id = 'pay30-v1' AND business_date = '\(next)'")
            XCTAssertEqual(scores, delinquent, database)
            let outOfRange = try await store.count("account_scores WHERE probability_ppm < 0 OR probability_ppm > 1000000")
            XCTAssertEqual(outOfRange, 0, database)
            let monitoring = try await AccountScoring.monitoring(modelId: "pay30-v1", on: store.sql)
            XCTAssertEqual(monitoring.map(\.businessDate), [next.description], database)
            XCTAssertEqual(monitoring.first?.scored, delinquent, database)
            XCTAssertLessThan(monitoring.first?.psi ?? 1, 0.1, "a day after training the population is the one it was trained on: \(database)")

            let again = try await run(store, next)
            XCTAssertTrue(again.alreadyCompleted, database)
            let scoresAfter = try await store.count("account_scores")
            XCTAssertEqual(scoresAfter, delinquent, "a second run of the day adds nothing: \(database)")
        }
    }

    func testASegmentRuleOnTheScoreAppliesOnceAPay30ModelIsActive() async throws {
        try await TestDatabases.each { store, database in
            try await loadPortfolio(store, customers: 300)
            let model = try await ModelTraining(target: .pay30, asOf: Self.day).train(on: store, actor: "analyst")
            _ = try await ModelRegistry(database: store.sql).activate(model.id, actor: "manager")
            // The shipped strategy with a first rule: customers scoring below 487 points (worse
            // than even odds of paying: 600 − 20·log2 50) are high risk whatever their rating and days.
            let shipped = try String(contentsOf: ShippedConfig.packageRoot.appendingPathComponent("config/strategy.yaml"), encoding: .utf8)
            let edited = shipped.replacingOccurrences(of: "version: \"2026.2\"", with: "version: \"score-test\"")
                .replacingOccurrences(of: "segments:\n", with: "segments:\n  - segment: high_risk\n    max_score: 486\n")
            let directory = try TestDatabases.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("strategy.yaml").path
            try edited.write(toFile: path, atomically: true, encoding: .utf8)
            let config = ShippedConfig.directory
            let strategy = try StrategyConfig.load(path: path, buckets: .standard)
            _ = try await DailyRun(store: store, strategy: strategy, buckets: .standard, agents: try TeamsConfig.load(fromDirectory: config),
                                   policy: ShippedConfig.policy).run(Self.day)
            let lowScorers = try await store.scalar("""
                SELECT COUNT(DISTINCT a.customer_id) AS n FROM account_scores s JOIN accounts a ON a.id = s.account_id
                WHERE s.target = 'pay30' AND s.points < 487
                """)
            XCTAssertGreaterThan(lowScorers, 0, database)
            let lowScorersNotHighRisk = try await store.scalar("""
                SELECT COUNT(*) AS n FROM cases k WHERE k.segment <> 'high_risk' AND k.customer_id IN (
                    SELECT a.customer_id FROM account_scores s JOIN accounts a ON a.id = s.account_id WHERE s.target = 'pay30' AND s.points < 487)
                """)
            XCTAssertEqual(lowScorersNotHighRisk, 0, database)
            let prime = try await store.count("cases WHERE segment = 'prime'")
            XCTAssertGreaterThan(prime, 0, "customers scoring 487 or more still follow the other rules: \(database)")
        }
    }

    func testActivatingANewVersionRetiresTheOldOne() async throws {
        try await TestDatabases.each { store, database in
            try await loadPortfolio(store, customers: 300)
            let training = ModelTraining(target: .roll, asOf: Self.day)
            let first = try await training.train(on: store, actor: "analyst")
            let second = try await training.train(on: store, actor: "analyst")
            XCTAssertEqual(second.id, "roll-v2", database)
            let registry = ModelRegistry(database: store.sql)
            _ = try await registry.activate(first.id, actor: "manager")
            _ = try await registry.activate(second.id, actor: "manager")
            let statuses = try await registry.all().map { "\($0.id) \($0.status.rawValue)" }
            XCTAssertEqual(statuses, ["roll-v1 retired", "roll-v2 active"], database)
        }
    }

    func testAHistoryTooShortIsRefusedWithTheWindow() async throws {
        try await TestDatabases.each { store, database in
            try await loadPortfolio(store, customers: 50)
            do {
                _ = try await ModelTraining(target: .pay30, asOf: LocalDate(iso: "2015-01-31")!).train(on: store, actor: "analyst")
                XCTFail("trained on no history (\(database))")
            } catch let error as ScoringError {
                XCTAssertTrue(error.description.contains("no pay30 observations"), error.description)
            }
            let models = try await store.count("scoring_models")
            XCTAssertEqual(models, 0, database)
        }
    }
}
