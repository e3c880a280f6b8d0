import ArrearsCore
import ArrearsSampleData
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import SQLKit
import XCTest

/// The registry keeps two kinds of model (issue 26): scorecards, stored as they always were, and
/// gradient-boosted trees. A scorecard stored before the kind existed decodes and scores the same.
final class ModelKindStoreTests: XCTestCase {
    static let day = LocalDate(iso: "2026-06-30")!

    /// The definition as it was stored before boosted trees could be registered.
    private struct DefinitionBeforeKinds: Codable {
        let scorecard: Scorecard
        let payShare: Double
        let since: String
        let holdoutAfter: String
        let training: ModelValidation
        let holdout: ModelValidation
        let reference: [Double]
    }

    private func loadPortfolio(_ store: Store) async throws {
        try await store.importGenerated(customers: 300, seed: 11, asOf: Self.day)
    }

    /// The daily run of the day after training: positions, then scores with the active models.
    private func runDay(_ store: Store) async throws {
        let config = ShippedConfig.directory
        let strategy = try StrategyConfig.load(path: config + "/strategy.yaml", buckets: .standard)
        _ = try await DailyRun(store: store, strategy: strategy, buckets: .standard, agents: try TeamsConfig.load(fromDirectory: config),
                               policy: ShippedConfig.policy).run(Self.day.adding(days: 1))
    }

    private func scores(_ store: Store) async throws -> [String] {
        try await store.sql.raw("SELECT account_id, model_id, probability_ppm, points, reasons FROM account_scores ORDER BY account_id").all().map { row in
            [try row.decode(column: "account_id", as: String.self), try row.decode(column: "model_id", as: String.self),
             String(try row.decode(column: "probability_ppm", as: Int64.self)), String(try row.decode(column: "points", as: Int.self)),
             try row.decode(column: "reasons", as: String?.self) ?? "NULL"].joined(separator: "|")
        }
    }

    func testAScorecardStoredBeforeModelKindsDecodesAndScoresTheSame() async throws {
        try await TestDatabases.each { store, database in
            try await loadPortfolio(store)
            let model = try await ModelTraining(target: .pay30, asOf: Self.day).train(on: store, actor: "analyst")
            let registry = ModelRegistry(database: store.sql)
            _ = try await registry.activate(model.id, actor: "manager")
            let row = try await store.sql.raw("SELECT definition FROM scoring_models WHERE id = \(bind: model.id)").first()
            let stored = try XCTUnwrap(row).decode(column: "definition", as: String.self)
            let keys = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(stored.utf8)) as? [String: Any]).keys.sorted()
            XCTAssertEqual(keys, ["holdout", "holdoutAfter", "payShare", "reference", "scorecard", "since", "training"],
                           "a scorecard is stored in the format of before: \(database)")
            try await runDay(store)
            let now = try await scores(store)
            XCTAssertFalse(now.isEmpty, database)

            let definition = model.definition
            let old = DefinitionBeforeKinds(scorecard: try XCTUnwrap(definition.scorecard), payShare: definition.payShare, since: definition.since,
                                            holdoutAfter: definition.holdoutAfter, training: definition.training, holdout: definition.holdout,
                                            reference: definition.reference)
            let oldText = String(decoding: try JSONEncoder().encode(old), as: UTF8.self)
            try await store.sql.raw("UPDATE scoring_models SET definition = \(bind: oldText) WHERE id = \(bind: model.id)").run()
            let loaded = try await registry.find(model.id)
            XCTAssertEqual(loaded.definition.kind, .scorecard, database)
            XCTAssertNil(loaded.definition.boosted, database)
            XCTAssertEqual(loaded.definition, definition, database)
            try await store.sql.raw("DELETE FROM account_scores").run()
            _ = try await AccountScoring.run(Self.day.adding(days: 1), on: store.sql)
            let before = try await scores(store)
            XCTAssertEqual(before, now, "the old definition scores every account the same: \(database)")
        }
    }

    func testABoostedModelIsRegisteredAndScoredOnTheScorecardsScale() async throws {
        try await TestDatabases.each { store, database in
            try await loadPortfolio(store)
            var training = ModelTraining(target: .roll, asOf: Self.day)
            training.kind = .gbm
            let model = try await training.train(on: store, actor: "analyst")
            XCTAssertEqual(model.definition.kind, .gbm, database)
            XCTAssertNil(model.definition.scorecard, database)
            let loaded = try await ModelRegistry(database: store.sql).activate(model.id, actor: "manager")
            XCTAssertEqual(loaded.definition, model.definition, "the trees survive the round trip through the table: \(database)")
            XCTAssertTrue(ModelDescription(loaded).text.contains("roll-v1: roll, gbm, active"), database)
            try await runDay(store)
            let monitoring = try await AccountScoring.monitoring(modelId: model.id, on: store.sql)
            XCTAssertGreaterThan(monitoring.first?.scored ?? 0, 0, "PSI monitoring keeps a row for the boosted model: \(database)")
            let rows = try await store.sql.raw("SELECT probability_ppm, points, reasons FROM account_scores WHERE target = 'roll'").all()
            var withReasons = 0
            for row in rows {
                let probability = Double(try row.decode(column: "probability_ppm", as: Int64.self)) / 1_000_000
                let points = try row.decode(column: "points", as: Int.self)
                let clamped = min(max(probability, 1e-6), 1 - 1e-6)
                // Points rise with not rolling: 600 at 50:1 of not rolling, 20 to double the odds.
                XCTAssertEqual(Double(points), 600 + 20 * log2((1 - clamped) / clamped / 50), accuracy: 0.6, database)
                let reasons = try JSONDecoder().decode([ScoreReason].self, from: Data((try row.decode(column: "reasons", as: String?.self) ?? "[]").utf8))
                XCTAssertLessThanOrEqual(reasons.count, ScoreReason.kept, database)
                XCTAssertTrue(reasons.allSatisfy { $0.contribution < 0 && !$0.text.isEmpty }, database)
                XCTAssertEqual(reasons.map(\.contribution), reasons.map(\.contribution).sorted(), "most costly first: \(database)")
                if !reasons.isEmpty { withReasons += 1 }
            }
            XCTAssertGreaterThan(withReasons, 0, database)
        }
    }
}
