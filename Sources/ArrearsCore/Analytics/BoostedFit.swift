import Foundation

extension ModelFit {
    /// `arrears model fit --model gbm`: gradient-boosted trees fitted on a CSV file's training
    /// rows (the same seeded split as the scorecard's) and validated on the held-out rows.
    /// Without `settings`, the defaults with `seed` as the boosting's seed.
    public static func runBoosted(
        csv: String, target: String, exclude: [String] = [], testShare: Double = 0.25, seed: UInt64 = defaultSeed, event: String? = nil,
        settings: GradientBoostingSettings? = nil
    ) throws(ScorecardError) -> BoostedFitResult {
        let data = try ModelFitData(csv: csv, target: target, event: event, exclude: exclude)
        let split = try TrainTestSplit(rows: data.outcomes.count, testShare: testShare, seed: seed)
        let trainFeatures = data.features.map { $0.rows(split.train) }, testFeatures = data.features.map { $0.rows(split.test) }
        let trainOutcomes = split.train.map { data.outcomes[$0] }, testOutcomes = split.test.map { data.outcomes[$0] }
        let model = try GradientBoostingTrainer.fit(trainFeatures, outcomes: trainOutcomes, settings: settings ?? GradientBoostingSettings(seed: seed))
        return BoostedFitResult(
            target: data.target, event: data.event, model: model,
            train: ModelValidation(probabilities: model.probabilities(for: trainFeatures), outcomes: trainOutcomes),
            test: ModelValidation(probabilities: model.probabilities(for: testFeatures), outcomes: testOutcomes)
        )
    }
}

/// What `ModelFit.runBoosted` found: the boosted model and its validation on training and test rows.
public struct BoostedFitResult: Sendable, Equatable {
    public let target: String
    public let event: String
    public let model: GradientBoostedModel
    public let train: ModelValidation
    public let test: ModelValidation

    /// The features by importance, largest first: name, total gain, share of all gain, splits.
    public var featureImportance: [(name: String, gain: Double, share: Double, splits: Int)] {
        let gains = model.importance, splits = model.splitCounts
        let total = gains.reduce(0, +)
        return model.features.indices.sorted { gains[$0] != gains[$1] ? gains[$0] > gains[$1] : $0 < $1 }
            .map { (model.features[$0].name, gains[$0], total > 0 ? gains[$0] / total : 0, splits[$0]) }
    }

    /// The figures as a table, then the trees and the features by importance.
    public func text() -> String {
        var lines = ModelValidation.table(target: target, event: event, train: train, test: test)
        lines.append("")
        lines.append("Gradient-boosted trees: \(model.trees.count) trees kept of \(model.treesGrown) grown (learning rate \(model.settings.learningRate), at most \(model.settings.maxLeaves) leaves)")
        lines.append("feature                                gain    share  splits")
        for feature in featureImportance {
            lines.append(feature.name.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%12.2f%8.1f%%%8d", feature.gain, feature.share * 100, feature.splits))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON object: `model` (`gbm`), `target`, `event`, `train` and `test` (`auc`, `ks`,
    /// `gini`, `rows`, `events`), `features` (every input feature by importance, largest first:
    /// `name`, `importance` (the loss reduction of its splits), `share` of all importance,
    /// `splits`), `trees` (kept) and `trees_grown`.
    public func json() -> String {
        struct Sample: Encodable { let auc, ks, gini: Double; let rows, events: Int }
        struct FeatureSummary: Encodable { let name: String; let importance, share: Double; let splits: Int }
        struct Document: Encodable {
            let model, target, event: String
            let train, test: Sample
            let features: [FeatureSummary]
            let trees: Int
            let treesGrown: Int
            enum CodingKeys: String, CodingKey { case model, target, event, train, test, features, trees, treesGrown = "trees_grown" }
        }
        func sample(_ validation: ModelValidation) -> Sample {
            Sample(auc: validation.auc, ks: validation.ks, gini: validation.gini, rows: validation.count, events: validation.events)
        }
        let document = Document(
            model: "gbm", target: target, event: event, train: sample(train), test: sample(test),
            features: featureImportance.map { FeatureSummary(name: $0.name, importance: $0.gain, share: $0.share, splits: $0.splits) },
            trees: model.trees.count, treesGrown: model.treesGrown
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every figure is finite, so encoding cannot fail.
        return String(decoding: (try? encoder.encode(document)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}
