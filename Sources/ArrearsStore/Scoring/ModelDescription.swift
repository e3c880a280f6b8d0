import ArrearsCore
import Foundation

/// A registered model for people: what it predicts, on what history, how well it validated on
/// the held-out window, and its scorecard.
public struct ModelDescription: Sendable {
    public let model: ScoringModel

    public init(_ model: ScoringModel) { self.model = model }

    public var text: String {
        let definition = model.definition
        var lines = ["\(model.id): \(model.target.rawValue), \(model.status.rawValue), trained \(model.trainedAt) by \(model.trainedBy) on history to \(model.asOf)"]
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
        lines.append(definition.scorecard.report())
        return lines.joined(separator: "\n")
    }
}
