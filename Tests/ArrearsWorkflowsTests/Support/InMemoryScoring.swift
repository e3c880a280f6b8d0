import ArrearsCore
import ArrearsStore
import Foundation

/// Scores and models kept in memory: the ledgers and behaviour a test gives (with which accounts
/// the stored positions call delinquent), the registered models, each target's scores by
/// account, the monitoring days and the audit actions written.
final class InMemoryScoring: ScoringRecords, @unchecked Sendable {
    struct Score: Equatable {
        let modelId: String
        let businessDate: String
        let probability: Double
        let points: Int
        let reasons: [ScoreReason]
    }

    struct Rows {
        var ledgers: [AccountLedger] = []
        var delinquent: Set<String> = []
        var behaviour: [String: CollectionBehaviour] = [:]
        var models: [ScoringModel] = []
        /// target → account id → score.
        var scores: [ScoringTarget: [String: Score]] = [:]
        /// model id and date → the day's monitoring.
        var monitoring: [String: ModelMonitoring] = [:]
        var auditActions: [String] = []
    }

    private let lock = NSLock()
    private var rows = Rows()

    /// Keeps `ledger`, delinquent in the stored positions or not.
    func add(_ ledger: AccountLedger, delinquent: Bool) {
        lock.withLock {
            rows.ledgers.append(ledger)
            if delinquent { rows.delinquent.insert(ledger.accountId) }
        }
    }

    /// Keeps `model` as registered (active or not) without auditing it.
    func keep(_ model: ScoringModel) { lock.withLock { rows.models.append(model) } }

    var models: [ScoringModel] { lock.withLock { rows.models } }
    func scores(of target: ScoringTarget) -> [String: Score] { lock.withLock { rows.scores[target] ?? [:] } }
    var monitoring: [ModelMonitoring] { lock.withLock { rows.monitoring.values.sorted { ($0.modelId, $0.businessDate) < ($1.modelId, $1.businessDate) } } }
    var auditActions: [String] { lock.withLock { rows.auditActions } }

    func activeModels() async throws -> [ScoringModel] {
        lock.withLock { rows.models.filter { $0.status == .active }.sorted { $0.target.rawValue < $1.target.rawValue } }
    }

    func ledgers(_ population: LedgerPopulation) async throws -> [AccountLedger] {
        lock.withLock {
            rows.ledgers.filter { population == .all || rows.delinquent.contains($0.accountId) }.sorted { $0.accountId < $1.accountId }
        }
    }

    func behaviour() async throws -> [String: CollectionBehaviour] { lock.withLock { rows.behaviour } }

    func replaceScores(of target: ScoringTarget, modelId: String, on date: LocalDate, accountIds: [String],
                       probabilities: [Double], points: [Int], reasons: [[ScoreReason]]) async throws {
        lock.withLock {
            var scores: [String: Score] = [:]
            for (index, id) in accountIds.enumerated() {
                scores[id] = Score(modelId: modelId, businessDate: date.description, probability: probabilities[index], points: points[index],
                                   reasons: reasons[index])
            }
            rows.scores[target] = scores
        }
    }

    func recordMonitoring(_ monitoring: ModelMonitoring) async throws {
        lock.withLock { rows.monitoring[monitoring.modelId + " " + monitoring.businessDate] = monitoring }
    }

    func registerCandidate(of target: ScoringTarget, _ model: @escaping @Sendable (_ version: Int) -> ScoringModel) async throws -> ScoringModel {
        lock.withLock {
            let version = (rows.models.filter { $0.target == target }.map(\.version).max() ?? 0) + 1
            let candidate = model(version)
            rows.models.append(candidate)
            rows.auditActions.append("model.train")
            return candidate
        }
    }
}
