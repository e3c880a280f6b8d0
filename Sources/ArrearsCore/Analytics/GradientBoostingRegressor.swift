import Foundation

/// Fits gradient-boosted trees to an amount (`BoostedRegression`) by weighted squared error,
/// with the trees, bins, subsampling and early stopping of `GradientBoostingTrainer`
/// (`GradientBoostingSettings`; `monotone` constraints bound the amount instead of the log-odds).
///
/// The loss is Σ wᵢ (ŷᵢ − yᵢ)² / 2: each row's gradient is wᵢ (ŷᵢ − yᵢ) and its hessian wᵢ, so a
/// leaf's value is −G/(H + λ), the weighted mean residual of its rows shrunk by λ; the trees start
/// from the weighted mean. Weights are inverse propensities when the response models correct
/// for how the history chose its channels (issue 27); without weights every row weighs 1.
public enum GradientBoostingRegressor {
    /// Boosts trees on `features` towards `targets` (finite), each row weighing `weights[i]`
    /// (finite, above 0; nil for 1). The same inputs and settings give the same model.
    public static func fit(_ features: [Feature], targets: [Double], weights: [Double]? = nil,
                           settings: GradientBoostingSettings = .init()) throws(ScorecardError) -> BoostedRegression {
        try settings.validate()
        guard !targets.isEmpty else { throw .emptyData }
        for feature in features where feature.values.count != targets.count {
            throw .rowCountMismatch(feature: feature.name, expected: targets.count, actual: feature.values.count)
        }
        if let bad = targets.first(where: { !$0.isFinite }) { throw .invalidSetting(name: "targets", value: bad, rule: "finite numbers") }
        let weights = weights ?? Array(repeating: 1, count: targets.count)
        guard weights.count == targets.count else { throw .rowCountMismatch(feature: "weights", expected: targets.count, actual: weights.count) }
        if let bad = weights.first(where: { !($0.isFinite && $0 > 0) }) { throw .invalidSetting(name: "weights", value: bad, rule: "finite and above 0") }

        var fitRows = Array(targets.indices), validationRows: [Int] = []
        if settings.validationShare > 0, targets.count >= 20 {
            let split = try TrainTestSplit(rows: targets.count, testShare: settings.validationShare, seed: settings.seed)
            if !split.test.isEmpty, !split.train.isEmpty {
                fitRows = split.train
                validationRows = split.test
            }
        }
        let fitTargets = fitRows.map { targets[$0] }, fitWeights = fitRows.map { weights[$0] }
        let fitFeatures = features.map { $0.rows(fitRows) }
        let base = weightedMean(fitTargets, fitWeights)
        // Categories are ordered by how often their rows exceed the mean: the binning's event rate.
        let above = fitTargets.map { $0 > base }
        let binned = fitFeatures.map { BoostedFeature($0, outcomes: above, maxBins: settings.maxBins) }
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
        let validationTargets = validationRows.map { targets[$0] }, validationWeights = validationRows.map { weights[$0] }
        let constraints = settings.constraints(of: binned)
        // The learner reads one column of bins per feature (feature f's bin of row r at f × rows + r);
        // the out-of-bag and validation rows below walk the trees row by row.
        var fitColumns = [UInt8](repeating: 0, count: fitBins.count)
        for row in 0..<fitRows.count {
            for column in 0..<featureCount { fitColumns[column * fitRows.count + row] = fitBins[row * featureCount + column] }
        }
        let learner = TreeLearner(bins: fitColumns, rowCount: fitRows.count, featureCount: featureCount, binCounts: binned.map(\.binCount),
                                  constraints: constraints, settings: settings)

        var predictions = [Double](repeating: base, count: fitRows.count)
        var validationPredictions = [Double](repeating: base, count: validationRows.count)
        var gradients = [Double](repeating: 0, count: fitRows.count)
        var generator = SeededGenerator(seed: settings.seed &+ 0x5EED)
        let featuresPerTree = max(1, Int((Double(featureCount) * settings.featureSubsample).rounded()))
        var trees: [BoostedTree] = []
        var bestLoss = Double.infinity, bestCount = 0
        var sampled = [Int32](), outOfBag = [Int32]()
        for _ in 0..<settings.maxTrees {
            for row in 0..<fitRows.count { gradients[row] = fitWeights[row] * (predictions[row] - fitTargets[row]) }
            sampled.removeAll(keepingCapacity: true)
            outOfBag.removeAll(keepingCapacity: true)
            for row in 0..<fitRows.count {
                if settings.rowSubsample >= 1 || unit(&generator) < settings.rowSubsample {
                    sampled.append(Int32(truncatingIfNeeded: row))
                } else {
                    outOfBag.append(Int32(truncatingIfNeeded: row))
                }
            }
            var chosen = Array(0..<featureCount)
            for index in 0..<min(featuresPerTree, max(0, featureCount - 1)) {
                chosen.swapAt(index, index + Int(generator.next() % UInt64(featureCount - index)))
            }
            let pairs = zip(gradients, fitWeights).map { SIMD2(Float($0), Float($1)) }
            let grown = learner.grow(pairs: pairs, rows: sampled, features: chosen.prefix(featuresPerTree).sorted())
            let tree = grown.tree
            trees.append(tree)
            for leaf in grown.leaves {
                let value = tree.nodes[leaf.node].value
                for position in leaf.range { predictions[Int(grown.rows[position])] += value }
            }
            fitBins.withUnsafeBufferPointer { bins in
                for row in outOfBag { predictions[Int(row)] += tree.value(bins, base: Int(row) * featureCount) }
            }
            guard !validationRows.isEmpty else {
                bestCount = trees.count
                continue
            }
            var loss = 0.0
            validationBins.withUnsafeBufferPointer { bins in
                for row in 0..<validationRows.count {
                    validationPredictions[row] += tree.value(bins, base: row * featureCount)
                    let error = validationPredictions[row] - validationTargets[row]
                    loss += validationWeights[row] * error * error
                }
            }
            if !bestLoss.isFinite || loss < bestLoss * (1 - 1e-12) {
                bestLoss = loss
                bestCount = trees.count
            } else if trees.count - bestCount >= settings.earlyStoppingRounds {
                break
            }
        }
        let model = GradientBoostedModel(features: binned, trees: Array(trees.prefix(bestCount)), baseLogOdds: base, settings: settings, treesGrown: trees.count)
        return BoostedRegression(model: model)
    }

    static func weightedMean(_ values: [Double], _ weights: [Double]) -> Double {
        var sum = 0.0, total = 0.0
        for (value, weight) in zip(values, weights) {
            sum += value * weight
            total += weight
        }
        return total > 0 ? sum / total : 0
    }

    /// A uniform draw in [0, 1) with 53 random bits.
    private static func unit(_ generator: inout SeededGenerator) -> Double {
        Double(generator.next() >> 11) * 0x1p-53
    }
}
