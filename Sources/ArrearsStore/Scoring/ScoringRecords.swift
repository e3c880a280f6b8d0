import ArrearsCore
import Foundation

/// What scoring the delinquent accounts (`AccountScoring`) and training a model
/// (`ModelTraining`) read and write: `SQLScoringRecords` keeps it in the database; a test may
/// keep it in memory and check the workflows' rules (each active model scores every delinquent
/// account, a trained model is registered as the target's next candidate) without one.
public protocol ScoringRecords: Sendable {
    /// The active models, at most one per target, in target order.
    func activeModels() async throws -> [ScoringModel]
    /// The accounts' dues and payments, all or those delinquent in the stored positions, in account id order.
    func ledgers(_ population: LedgerPopulation) async throws -> [AccountLedger]
    /// Every customer's promises and contact attempts, by customer id.
    func behaviour() async throws -> [String: CollectionBehaviour]
    /// Replaces the scores of `target` with those of `modelId` on `date`: one per account of
    /// `accountIds`, with the probability, points and reasons at the same index.
    func replaceScores(of target: ScoringTarget, modelId: String, on date: LocalDate, accountIds: [String],
                       probabilities: [Double], points: [Int], reasons: [[ScoreReason]]) async throws
    /// Keeps the model's monitoring of `date` (a second run of the day replaces it).
    func recordMonitoring(_ monitoring: ModelMonitoring) async throws
    /// Registers the model that `model` makes of the target's next version, as a candidate,
    /// audited `model.train`, in one transaction; the model registered.
    func registerCandidate(of target: ScoringTarget, _ model: @escaping @Sendable (_ version: Int) -> ScoringModel) async throws -> ScoringModel
}

/// Which accounts' ledgers to read: all, or those delinquent in the stored positions.
public enum LedgerPopulation: Sendable {
    case all
    case delinquent
}
