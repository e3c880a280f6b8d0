import Foundation

/// Fits a `GradientBoostedModel` (the settings' contract is in `GradientBoostingSettings`).
public enum GradientBoostingTrainer {
    /// Boosts trees on `features` and `outcomes` (true where the row has the event). The same
    /// inputs and settings (seed included) give the same model.
    public static func fit(_ features: [Feature], outcomes: [Bool], settings: GradientBoostingSettings = .init()) throws(ScorecardError) -> GradientBoostedModel {
        try settings.validate()
        guard !outcomes.isEmpty else { throw .emptyData }
        for feature in features where feature.values.count != outcomes.count {
            throw .rowCountMismatch(feature: feature.name, expected: outcomes.count, actual: feature.values.count)
        }
        let events = outcomes.count { $0 }
        if events == 0 { throw .noEvents }
        if events == outcomes.count { throw .onlyEvents }

        // Rows held apart for early stopping; when either part would lack events or non-events, all rows train.
        var fitRows = Array(outcomes.indices), validationRows: [Int] = []
        if settings.validationShare > 0 {
            let split = try TrainTestSplit(rows: outcomes.count, testShare: settings.validationShare, seed: settings.seed)
            let held = split.test.map { outcomes[$0] }
            if held.contains(true), held.contains(false), split.train.contains(where: { outcomes[$0] }), split.train.contains(where: { !outcomes[$0] }) {
                fitRows = split.train
                validationRows = split.test
            }
        }
        let fitOutcomes = fitRows.map { outcomes[$0] }
        let fitFeatures = features.map { $0.rows(fitRows) }
        let binned = fitFeatures.indices.map { BoostedFeature(fitFeatures[$0], outcomes: fitOutcomes, maxBins: settings.maxBins) }
        let featureCount = binned.count
        func matrix(_ columns: [Feature], rows: Int) -> [UInt8] {
            var matrix = [UInt8](repeating: 0, count: rows * featureCount)
            for column in 0..<featureCount {
                for (row, bin) in binned[column].bins(columns[column].values).enumerated() { matrix[row * featureCount + column] = bin }
            }
            return matrix
        }
        let fitBins = matrix(fitFeatures, rows: fitRows.count)
        let validationBins = matrix(features.map { $0.rows(validationRows) }, rows: validationRows.count)
        let validationOutcomes = validationRows.map { outcomes[$0] }
        let constraints: [Int8] = binned.map { feature in
            guard feature.kind == .numeric else { return 0 }
            switch settings.monotone[feature.name] {
            case .increasing: return 1
            case .decreasing: return -1
            case nil: return 0
            }
        }
        let learner = TreeLearner(bins: fitBins, featureCount: featureCount, binCounts: binned.map(\.binCount), constraints: constraints, settings: settings)

        let fitEvents = fitOutcomes.count { $0 }
        let base = log(Double(fitEvents) / Double(fitOutcomes.count - fitEvents))
        var scores = [Double](repeating: base, count: fitRows.count)
        var validationScores = [Double](repeating: base, count: validationRows.count)
        var gradients = [Double](repeating: 0, count: fitRows.count), hessians = gradients
        var generator = SeededGenerator(seed: settings.seed &+ 0x5EED)
        let featuresPerTree = max(1, Int((Double(featureCount) * settings.featureSubsample).rounded()))
        var trees: [BoostedTree] = []
        var bestLoss = Double.infinity, bestCount = 0
        var sampled = [Int32](), outOfBag = [Int32]()
        sampled.reserveCapacity(fitRows.count)
        for _ in 0..<settings.maxTrees {
            for row in 0..<fitRows.count {
                let probability = LogisticRegression.probability(logOdds: scores[row])
                gradients[row] = probability - (fitOutcomes[row] ? 1 : 0)
                hessians[row] = max(probability * (1 - probability), 1e-16)
            }
            sampled.removeAll(keepingCapacity: true)
            outOfBag.removeAll(keepingCapacity: true)
            if settings.rowSubsample < 1 {
                for row in 0..<fitRows.count {
                    if unit(&generator) < settings.rowSubsample { sampled.append(Int32(truncatingIfNeeded: row)) } else { outOfBag.append(Int32(truncatingIfNeeded: row)) }
                }
            } else {
                for row in 0..<fitRows.count { sampled.append(Int32(truncatingIfNeeded: row)) }
            }
            var chosen = Array(0..<featureCount)
            for index in 0..<min(featuresPerTree, max(0, featureCount - 1)) {
                chosen.swapAt(index, index + Int(generator.next() % UInt64(featureCount - index)))
            }
            let grown = learner.grow(gradients: gradients, hessians: hessians, rows: sampled, features: chosen.prefix(featuresPerTree).sorted())
            let tree = grown.tree
            trees.append(tree)
            // The rows the tree was grown on know their leaf; the others walk the tree.
            for leaf in grown.leaves {
                let value = tree.nodes[leaf.node].value
                for position in leaf.range { scores[Int(grown.rows[position])] += value }
            }
            fitBins.withUnsafeBufferPointer { bins in
                for row in outOfBag { scores[Int(row)] += tree.value(bins, base: Int(row) * featureCount) }
            }
            guard !validationRows.isEmpty else {
                bestCount = trees.count
                continue
            }
            var loss = 0.0
            validationBins.withUnsafeBufferPointer { bins in
                for row in 0..<validationRows.count {
                    validationScores[row] += tree.value(bins, base: row * featureCount)
                    // log(1 + e^−s) for events, log(1 + e^s) otherwise, written to stay finite.
                    let margin = validationOutcomes[row] ? validationScores[row] : -validationScores[row]
                    loss += margin > 0 ? log1p(exp(-margin)) : -margin + log1p(exp(margin))
                }
            }
            if loss < bestLoss - 1e-12 {
                bestLoss = loss
                bestCount = trees.count
            } else if trees.count - bestCount >= settings.earlyStoppingRounds {
                break
            }
        }
        return GradientBoostedModel(features: binned, trees: Array(trees.prefix(bestCount)), baseLogOdds: base, settings: settings, treesGrown: trees.count)
    }

    /// A uniform draw in [0, 1) with 53 random bits.
    private static func unit(_ generator: inout SeededGenerator) -> Double {
        Double(generator.next() >> 11) * 0x1p-53
    }
}
