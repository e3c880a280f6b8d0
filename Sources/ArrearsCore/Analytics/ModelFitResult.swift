import Foundation

/// What `ModelFit.run` found: the scorecard and its validation on training and test rows.
public struct ModelFitResult: Sendable, Equatable {
    public let target: String
    public let event: String
    public let scorecard: Scorecard
    public let train: ModelValidation
    public let test: ModelValidation

    /// The figures as a table, then the scorecard report.
    public func text() -> String {
        var lines = ModelValidation.table(target: target, event: event, train: train, test: test)
        lines.append("")
        lines.append("test calibration by decile of predicted probability of the event: rows, mean predicted, observed rate")
        for (index, decile) in test.deciles.enumerated() {
            lines.append(String(format: "  %2d  %8d  %8.4f  %8.4f", index + 1, decile.count, decile.meanPredicted, decile.observedRate))
        }
        return lines.joined(separator: "\n") + "\n\n" + scorecard.report()
    }

    /// One JSON object: `model` (`scorecard`), `target`, `event`, `train` and `test` (`auc`,
    /// `ks`, `gini`, `rows`, `events`, and `deciles`: calibration by decile of predicted
    /// probability, lowest first, each `rows`, `predicted` (mean) and `observed` (event rate)),
    /// `scaling` (`base_score`, `base_odds`, `points_to_double_odds`, `good_outcome`,
    /// `base_points`), `features` (the kept ones: `name`, `iv`,
    /// `coefficient`, `monotonicity` and `bins`, each with `label`, `rows`, `events`, `woe`,
    /// `iv` and `points`), `selection` (every feature: `name`, `iv`, `kept`, `reason`) and
    /// `intercept`.
    public func json() -> String {
        struct Decile: Encodable { let rows: Int; let predicted, observed: Double }
        struct Sample: Encodable { let auc, ks, gini: Double; let rows, events: Int; let deciles: [Decile] }
        struct Scaling: Encodable { let baseScore, baseOdds, pointsToDoubleOdds: Double; let goodOutcome: String; let basePoints: Int }
        struct BinSummary: Encodable { let label: String; let rows, events: Int; let woe, iv: Double; let points: Int }
        struct FeatureSummary: Encodable { let name: String; let iv, coefficient: Double; let monotonicity: String; let bins: [BinSummary] }
        struct SelectionSummary: Encodable { let name: String; let iv: Double; let kept: Bool; let reason: String }
        struct Document: Encodable {
            let model, target, event: String
            let train, test: Sample
            let scaling: Scaling
            let features: [FeatureSummary]
            let selection: [SelectionSummary]
            let intercept: Double
        }
        func sample(_ validation: ModelValidation) -> Sample {
            Sample(auc: validation.auc, ks: validation.ks, gini: validation.gini, rows: validation.count, events: validation.events,
                   deciles: validation.deciles.map { Decile(rows: $0.count, predicted: $0.meanPredicted, observed: $0.observedRate) })
        }
        let document = Document(
            model: "scorecard", target: target, event: event, train: sample(train), test: sample(test),
            scaling: Scaling(baseScore: scorecard.settings.baseScore, baseOdds: scorecard.settings.baseOdds, pointsToDoubleOdds: scorecard.settings.pointsToDoubleOdds,
                             goodOutcome: (scorecard.settings.goodOutcome ?? .event).rawValue, basePoints: scorecard.basePoints),
            features: scorecard.features.map { feature in
                FeatureSummary(
                    name: feature.name, iv: feature.informationValue, coefficient: feature.coefficient, monotonicity: feature.monotonicity.rawValue,
                    bins: feature.bins.map { BinSummary(label: $0.label, rows: $0.count, events: $0.events, woe: $0.weightOfEvidence, iv: $0.informationValue, points: $0.points) }
                )
            },
            selection: (scorecard.selection ?? []).map { SelectionSummary(name: $0.name, iv: $0.informationValue, kept: $0.decision == .kept, reason: $0.reason) },
            intercept: scorecard.intercept
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Every figure is finite, so encoding cannot fail.
        return String(decoding: try! encoder.encode(document), as: UTF8.self) + "\n"
    }
}
