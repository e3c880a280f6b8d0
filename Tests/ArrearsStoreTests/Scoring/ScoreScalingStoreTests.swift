import ArrearsCore
import ArrearsSampleData
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import SQLKit
import XCTest

/// Issue 26 in the registry and the daily run: new models score 600 at 50:1 of the good outcome
/// with 20 points to double the odds, every score is stored with its reasons, and a model
/// registered in the format before issue 26 keeps its scaling.
final class ScoreScalingStoreTests: XCTestCase {
    static let day = LocalDate(iso: "2026-06-30")!

    private func loadPortfolio(_ store: Store) async throws {
        try await store.importGenerated(customers: 300, seed: 11, asOf: Self.day)
    }

    /// (points, probability of the event, reasons) of every stored score of `target`.
    private func scores(_ store: Store, _ target: String) async throws -> [(points: Int, probability: Double, reasons: [ScoreReason])] {
        try await store.sql.raw("SELECT points, probability_ppm, reasons FROM account_scores WHERE target = \(bind: target)").all().map { row in
            let text = try row.decode(column: "reasons", as: String?.self) ?? "null"
            return (try row.decode(column: "points", as: Int.self), Double(try row.decode(column: "probability_ppm", as: Int64.self)) / 1_000_000,
                    try JSONDecoder().decode([ScoreReason].self, from: Data(text.utf8)))
        }
    }

    /// The daily run of the day after training: positions, then scores with the active models.
    private func score(_ store: Store) async throws {
        let config = ShippedConfig.directory
        let strategy = try StrategyConfig.load(path: config + "/strategy.yaml", buckets: .standard)
        _ = try await DailyRun(store: store, strategy: strategy, buckets: .standard, agents: try TeamsConfig.load(fromDirectory: config),
                               policy: ShippedConfig.policy).run(Self.day.adding(days: 1))
    }

    func testNewModelsRiseWithTheGoodOutcomeAtSixHundredForFiftyToOneAndKeepReasons() async throws {
        try await TestDatabases.each { store, database in
            try await loadPortfolio(store)
            let registry = ModelRegistry(database: store.sql)
            for target in ScoringTarget.allCases {
                let model = try await ModelTraining(target: target, asOf: Self.day).train(on: store, actor: "analyst")
                let settings = try XCTUnwrap(model.definition.scorecard).settings
                XCTAssertEqual([settings.baseScore, settings.baseOdds, settings.pointsToDoubleOdds], [600, 50, 20], database)
                XCTAssertEqual(settings.goodOutcome, target.goodOutcome, database)
                XCTAssertTrue(ModelDescription(model).text.contains("Scaling: 600 points at odds 50:1 of the good outcome"), database)
                _ = try await registry.activate(model.id, actor: "manager")
            }
            try await score(store)
            let lines = Double(try await registry.active().map { $0.definition.scorecard?.features.count ?? 0 }.max() ?? 0) + 1
            for target in ScoringTarget.allCases {
                let stored = try await scores(store, target.rawValue)
                XCTAssertFalse(stored.isEmpty, "\(target) (\(database))")
                for score in stored {
                    let goodOdds = target == .pay30 ? score.probability / (1 - score.probability) : (1 - score.probability) / score.probability
                    let expected = 600 + 20 * log2(goodOdds / 50)
                    XCTAssertEqual(Double(score.points), expected, accuracy: 0.5 * lines + 0.01, "\(target): the score rises with the good outcome (\(database))")
                    XCTAssertLessThanOrEqual(score.reasons.count, ScoreReason.kept)
                    XCTAssertTrue(score.reasons.allSatisfy { $0.contribution < 0 && !$0.text.isEmpty }, database)
                }
                XCTAssertTrue(stored.contains { !$0.reasons.isEmpty }, "\(target): some customers lost points somewhere (\(database))")
            }
        }
    }

    func testAModelRegisteredBeforeIssue26KeepsItsScaling() async throws {
        try await TestDatabases.each { store, database in
            try await loadPortfolio(store)
            // What training wrote before issue 26: 600 points at even odds of the event, and no
            // goodOutcome in the stored settings.
            var training = ModelTraining(target: .pay30, asOf: Self.day)
            training.settings.baseOdds = 1
            let model = try await training.train(on: store, actor: "analyst")
            let row = try await store.sql.raw("SELECT definition FROM scoring_models WHERE id = \(bind: model.id)").first()
            var definition = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try XCTUnwrap(row).decode(column: "definition", as: String.self).utf8)) as? [String: Any])
            var scorecard = try XCTUnwrap(definition["scorecard"] as? [String: Any])
            var settings = try XCTUnwrap(scorecard["settings"] as? [String: Any])
            XCTAssertEqual(settings.removeValue(forKey: "goodOutcome") as? String, "event")
            scorecard["settings"] = settings
            definition["scorecard"] = scorecard
            let old = String(decoding: try JSONSerialization.data(withJSONObject: definition), as: UTF8.self)
            try await store.sql.raw("UPDATE scoring_models SET definition = \(bind: old) WHERE id = \(bind: model.id)").run()

            let registry = ModelRegistry(database: store.sql)
            let loaded = try await registry.activate(model.id, actor: "manager")
            XCTAssertNil(try XCTUnwrap(loaded.definition.scorecard).settings.goodOutcome, database)
            XCTAssertEqual(loaded.definition.scorecard?.basePoints, model.definition.scorecard?.basePoints, database)
            try await score(store)
            let lines = Double(loaded.definition.scorecard?.features.count ?? 0) + 1
            let stored = try await scores(store, "pay30")
            XCTAssertFalse(stored.isEmpty, database)
            for score in stored {
                let expected = 600 + 20 * log2(score.probability / (1 - score.probability))
                XCTAssertEqual(Double(score.points), expected, accuracy: 0.5 * lines + 0.01, "600 at even odds of paying, as before (\(database))")
            }
        }
    }
}
