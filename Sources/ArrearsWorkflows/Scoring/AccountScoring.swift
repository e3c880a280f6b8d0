import ArrearsCore
import ArrearsStore
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
/// The rows are read and written through `ScoringRecords` (`SQLScoringRecords` in the database).
public enum AccountScoring {
    public typealias Summary = ScoringSummary

    /// Scores the accounts delinquent in the stored positions as of `date`.
    public static func run(_ date: LocalDate, on database: any SQLDatabase) async throws -> Summary {
        try await run(date, records: SQLScoringRecords(database: database))
    }

    /// Scores the accounts delinquent as of `date` that `records` keeps, with its active models.
    public static func run(_ date: LocalDate, records: any ScoringRecords) async throws -> Summary {
        var summary = Summary()
        let models = try await records.activeModels()
        guard !models.isEmpty else { return summary }
        let ledgers = try await records.ledgers(.delinquent)
        let behaviour = try await records.behaviour()
        var table = ScoringFeatures.Table()
        for ledger in ledgers { table.append(ScoringFeatures.row(ledger, behaviour[ledger.customerId] ?? .none, at: date)) }
        let features = table.features
        let accountIds = ledgers.map(\.accountId)
        let day = date.description
        for model in models {
            let definition = model.definition
            let probabilities = definition.probabilities(for: features)
            let points = definition.points(for: features)
            let reasons = definition.reasons(for: features, good: model.target.goodOutcome)
            try await records.replaceScores(of: model.target, modelId: model.id, on: date, accountIds: accountIds,
                                            probabilities: probabilities, points: points, reasons: reasons)
            let mean = probabilities.isEmpty ? 0 : probabilities.reduce(0, +) / Double(probabilities.count)
            let psi = probabilities.isEmpty ? 0 : PopulationStability.index(expected: model.definition.reference, actual: probabilities)
            try await records.recordMonitoring(ModelMonitoring(modelId: model.id, businessDate: day, scored: probabilities.count, meanProbability: mean, psi: psi))
            summary.scored[model.target.rawValue] = probabilities.count
            summary.psi[model.target.rawValue] = psi
        }
        return summary
    }

    /// One day of a model's monitoring.
    public typealias Monitoring = ModelMonitoring

    /// The monitoring days of one model (or of all), in model and date order.
    public static func monitoring(modelId: String?, on database: any SQLDatabase) async throws -> [Monitoring] {
        try await ModelMonitoring.days(modelId: modelId, on: database)
    }
}
