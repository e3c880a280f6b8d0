import ArrearsCore
import Foundation
import SQLKit

/// Step 4 of the daily run (DESIGN.md): every delinquent account scored with each active model.
///
/// Each account keeps its latest score per target in `account_scores` with the score's top
/// reasons (`Scorecard.reasons`, or `BoostedScorecard.reasons` for an active model of boosted
/// trees, as a JSON array of `ScoreReason`), replaced on every run, so
/// a second run of a day writes the same rows), and each run adds one `model_monitoring` row per
/// model: how many were scored, the mean probability, and the population stability index of the
/// day's scores against the scores of the accounts delinquent when the model was trained.
public enum AccountScoring {
    public struct Summary: Sendable, Codable, Equatable {
        public var scored: [String: Int] = [:]
        public var psi: [String: Double] = [:]
        public init() {}
    }

    static let scoreTable = BulkInsert(table: "account_scores", columns: ["account_id", "target", "model_id", "business_date", "probability_ppm", "points", "reasons"],
                                       key: ["account_id", "target"], onConflict: .update)
    static let monitoringTable = BulkInsert(table: "model_monitoring", columns: ["model_id", "business_date", "scored", "mean_probability_ppm", "psi_ppm"],
                                            key: ["model_id", "business_date"], onConflict: .update)

    /// Scores the accounts delinquent in the stored positions as of `date`.
    public static func run(_ date: LocalDate, on database: any SQLDatabase) async throws -> Summary {
        var summary = Summary()
        let models = try await ModelRegistry(database: database).active()
        guard !models.isEmpty else { return summary }
        let loader = LedgerLoader(database: database)
        let ledgers = try await loader.ledgers(.delinquent)
        let behaviour = try await loader.behaviour()
        var table = ScoringFeatures.Table()
        for ledger in ledgers { table.append(ScoringFeatures.row(ledger, behaviour[ledger.customerId] ?? .none, at: date)) }
        let features = table.features
        let writer = BulkWriter(database: database)
        let day = date.description
        for model in models {
            let definition = model.definition
            let probabilities = definition.probabilities(for: features)
            let points = definition.points(for: features)
            let reasons = definition.reasons(for: features, good: model.target.goodOutcome)
            try await database.raw("DELETE FROM account_scores WHERE target = \(bind: model.target.rawValue)").run()
            let rows: [[BulkValue]] = ledgers.indices.map { index in
                [.text(ledgers[index].accountId), .text(model.target.rawValue), .text(model.id), .text(day),
                 .integer(ppm(probabilities[index])), .integer(Int64(points[index])), .text(ScoreReasons.json(reasons[index]))]
            }
            try await writer.insert(scoreTable, rows)
            let mean = probabilities.isEmpty ? 0 : probabilities.reduce(0, +) / Double(probabilities.count)
            let psi = probabilities.isEmpty ? 0 : PopulationStability.index(expected: model.definition.reference, actual: probabilities)
            try await writer.insert(monitoringTable, [[.text(model.id), .text(day), .integer(Int64(probabilities.count)), .integer(ppm(mean)), .integer(ppm(psi))]])
            summary.scored[model.target.rawValue] = probabilities.count
            summary.psi[model.target.rawValue] = psi
        }
        return summary
    }

    static func ppm(_ value: Double) -> Int64 { Int64((value * 1_000_000).rounded()) }

    /// One day of a model's monitoring.
    public struct Monitoring: Sendable, Codable, Equatable {
        public let modelId: String
        public let businessDate: String
        public let scored: Int
        public let meanProbability: Double
        public let psi: Double
    }

    public static func monitoring(modelId: String?, on database: any SQLDatabase) async throws -> [Monitoring] {
        let filter: SQLQueryString = modelId.map { "WHERE model_id = \(bind: $0)" } ?? ""
        return try await database.raw("SELECT * FROM model_monitoring \(filter) ORDER BY model_id, business_date").all().map { row in
            Monitoring(modelId: try row.decode(column: "model_id", as: String.self),
                       businessDate: try row.decode(column: "business_date", as: String.self),
                       scored: try row.decode(column: "scored", as: Int.self),
                       meanProbability: Double(try row.decode(column: "mean_probability_ppm", as: Int64.self)) / 1_000_000,
                       psi: Double(try row.decode(column: "psi_ppm", as: Int64.self)) / 1_000_000)
        }
    }

    /// The latest score of each target for an account.
    public static func scores(accountId: String, on database: any SQLDatabase) async throws -> [String: (probability: Double, points: Int, modelId: String)] {
        var result: [String: (probability: Double, points: Int, modelId: String)] = [:]
        for row in try await database.raw("SELECT * FROM account_scores WHERE account_id = \(bind: accountId)").all() {
            result[try row.decode(column: "target", as: String.self)] = (
                Double(try row.decode(column: "probability_ppm", as: Int64.self)) / 1_000_000,
                try row.decode(column: "points", as: Int.self), try row.decode(column: "model_id", as: String.self))
        }
        return result
    }
}
