import ArrearsCore
import Foundation

/// A registered model for people: what it predicts, on what history, how well it validated on
/// the held-out window, and its scorecard (or, for boosted trees, their scaling and each
/// feature's importance).
public struct ModelDescription: Sendable {
    public let model: ScoringModel

    public init(_ model: ScoringModel) { self.model = model }

    public var text: String {
        let definition = model.definition
        var lines = ["\(model.id): \(model.target.rawValue), \(definition.kind.rawValue), \(model.status.rawValue), trained \(model.trainedAt) by \(model.trainedBy) on history to \(model.asOf)"]
        if model.target == .pay30 {
            lines.append("event: pays at least \(Int((definition.payShare * 100).rounded()))% of the overdue amount within 30 days of entering collection")
        } else {
            lines.append("event: in a worse bucket at the next month end")
        }
        lines.append("observations after \(definition.since); held out after \(definition.holdoutAfter)")
        lines.append("")
        lines.append("           rows    events     AUC      KS    Gini")
        for (name, validation) in [("training", definition.training), ("hold-out", definition.holdout)] {
            lines.append(name.padding(toLength: 9, withPad: " ", startingAt: 0)
                         + String(format: " %8d  %8d  %6.4f  %6.4f  %6.4f", validation.count, validation.events, validation.auc, validation.ks, validation.gini))
        }
        lines.append("")
        lines.append("hold-out calibration by decile of predicted probability: count, mean predicted, observed")
        for (index, decile) in definition.holdout.deciles.enumerated() {
            lines.append(String(format: "  %2d  %7d  %6.3f  %6.3f", index + 1, decile.count, decile.meanPredicted, decile.observedRate))
        }
        lines.append("")
        if let scorecard = definition.scorecard { lines.append(scorecard.report()) }
        if let boosted = definition.boosted { lines.append(Self.report(boosted)) }
        return lines.joined(separator: "\n")
    }

    /// Boosted trees: the scaling, the trees kept, and the features by importance (gain).
    static func report(_ boosted: BoostedScorecard) -> String {
        let model = boosted.model
        let good = boosted.goodOutcome.rawValue
        var lines = [
            "Gradient-boosted trees: \(model.trees.count) trees kept of \(model.treesGrown) grown (learning rate \(model.settings.learningRate), at most \(model.settings.maxLeaves) leaves)",
            "Scaling: \(String(format: "%g", boosted.baseScore)) points at odds \(String(format: "%g", boosted.baseOdds)):1 of the good outcome (\(good)), "
                + "\(String(format: "%g", boosted.pointsToDoubleOdds)) points to double the odds; reasons by TreeSHAP, in points",
            "feature                                gain    share  splits",
        ]
        let gains = model.importance, splits = model.splitCounts
        let total = gains.reduce(0, +)
        for index in model.features.indices.sorted(by: { gains[$0] != gains[$1] ? gains[$0] > gains[$1] : $0 < $1 }) {
            lines.append(model.features[index].name.padding(toLength: 32, withPad: " ", startingAt: 0)
                         + String(format: "%12.2f%8.1f%%%8d", gains[index], total > 0 ? gains[index] / total * 100 : 0, splits[index]))
        }
        return lines.joined(separator: "\n")
    }
}
