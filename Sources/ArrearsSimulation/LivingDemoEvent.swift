import ArrearsCore
import ArrearsSampleData
import ArrearsStore
import Foundation

/// A step of the living demo, for the terminal.
public enum LivingDemoEvent: Sendable, CustomStringConvertible {
    case generated(GeneratedPortfolio)
    case imported(ImportSummary)
    case importIssue(ImportIssue)
    case historyStarts(LocalDate, paymentsDropped: Int)
    case day(LivingDemoDay)
    /// A model trained on the history so far and activated: the following runs score with it.
    case trained(ScoringModel)
    /// Gradient-boosted trees trained on the same history as the scorecard just activated,
    /// registered as a candidate beside it (not scoring).
    case challenger(ScoringModel)
    /// A target whose history was too short for a model; the demo goes on without it.
    case notTrained(ScoringTarget, reason: String)
    case recomputed(accounts: Int, asOf: LocalDate)
    /// Response models trained on the history so far and activated: the optimised cells'
    /// following runs value channels by them.
    case responseTrained(ResponseModelRecord)
    /// No response models this time (too little history); the optimised cells go on as before.
    case responseNotTrained(asOf: LocalDate, reason: String)

    public var description: String {
        switch self {
        case .generated(let portfolio):
            "generated \(portfolio.totalRows) rows (\(portfolio.customers) customers, \(portfolio.accounts) accounts) into \(portfolio.directory.path)"
        case .imported(let summary): "imported \(summary.rows) \(summary.kind.rawValue)"
        case .importIssue(let issue): issue.description
        case .historyStarts(let first, let dropped):
            "history starts on \(first): dropped \(dropped) generated payments after it; customers' payments are simulated from here"
        case .day(let day): day.description
        case .trained(let model):
            "trained and activated \(model.id) as of \(model.asOf): hold-out AUC " + String(format: "%.3f", model.definition.holdout.auc)
                + "; the following daily runs score with it"
        case .challenger(let model):
            "trained \(model.id) (\(model.definition.kind.rawValue), candidate) as the challenger: hold-out AUC "
                + String(format: "%.3f", model.definition.holdout.auc) + ", beside the active scorecard on the analytics page"
        case .notTrained(let target, let reason): "no \(target.rawValue) model: \(reason)"
        case .recomputed(let accounts, let asOf): "computed delinquency of \(accounts) accounts as of \(asOf)"
        case .responseTrained(let record):
            "trained and activated \(record.id) as of \(record.asOf) on \(record.definition.model.trainingRows) actions (horizon \(record.horizonDays) days): "
                + record.definition.model.effects.map { effect in
                    "\(effect.channel.rawValue) " + String(format: "%+.0f", effect.averageEffect)
                }.joined(separator: ", ") + " against none; the optimised cells' following runs value channels by it"
        case .responseNotTrained(let asOf, let reason): "no response model as of \(asOf): \(reason)"
        }
    }
}
