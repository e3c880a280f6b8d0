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
        // One column of bins per feature: feature f's bin of row r is at f × rows + r.
        func columns(_ columns: [Feature]) -> [UInt8] {
            var matrix = [UInt8]()
            matrix.reserveCapacity(columns.reduce(0) { $0 + $1.values.count })
            for column in 0..<featureCount { matrix += binned[column].bins(columns[column].values) }
            return matrix
        }
        let fitBins = columns(fitFeatures)
        let validationBins = columns(features.map { $0.rows(validationRows) })
        let validationOutcomes = validationRows.map { outcomes[$0] }
        let constraints = settings.constraints(of: binned)
        let fitCount = fitRows.count, validationCount = validationRows.count
        let learner = TreeLearner(bins: fitBins, rowCount: fitCount, featureCount: featureCount, binCounts: binned.map(\.binCount),
                                  constraints: constraints, settings: settings)

        let fitEvents = fitOutcomes.count { $0 }
        let base = log(Double(fitEvents) / Double(fitOutcomes.count - fitEvents))
        var scores = [Double](repeating: base, count: fitCount)
        var validationScores = [Double](repeating: base, count: validationCount)
        // Each row's gradient and hessian side by side, in single precision as LightGBM keeps
        // them (the histograms add them up in double precision).
        var pairs = [SIMD2<Float>](repeating: .zero, count: fitCount)
        var generator = SeededGenerator(seed: settings.seed &+ 0x5EED)
        let featuresPerTree = max(1, Int((Double(featureCount) * settings.featureSubsample).rounded()))
        var trees: [BoostedTree] = []
        var bestLoss = Double.infinity, bestCount = 0
        var sampled = [Int32](), outOfBag = [Int32]()
        sampled.reserveCapacity(fitCount)
        for _ in 0..<settings.maxTrees {
            scores.withUnsafeBufferPointer { scores in
                fitOutcomes.withUnsafeBufferPointer { outcomes in
                    pairs.withUnsafeMutableBufferPointer { pairs in
                        let shared = Halves(scores, outcomes, pairs)
                        inHalves(fitCount) { range in
                            for row in range {
                                let probability = LogisticRegression.probability(logOdds: shared.scores[row])
                                shared.pairs[row] = SIMD2(Float(probability - (shared.outcomes[row] ? 1 : 0)), Float(max(probability * (1 - probability), 1e-16)))
                            }
                        }
                    }
                }
            }
            sampled.removeAll(keepingCapacity: true)
            outOfBag.removeAll(keepingCapacity: true)
            if settings.rowSubsample < 1 {
                for row in 0..<fitCount {
                    if unit(&generator) < settings.rowSubsample { sampled.append(Int32(truncatingIfNeeded: row)) } else { outOfBag.append(Int32(truncatingIfNeeded: row)) }
                }
            } else {
                for row in 0..<fitCount { sampled.append(Int32(truncatingIfNeeded: row)) }
            }
            var chosen = Array(0..<featureCount)
            for index in 0..<min(featuresPerTree, max(0, featureCount - 1)) {
                chosen.swapAt(index, index + Int(generator.next() % UInt64(featureCount - index)))
            }
            let grown = learner.grow(pairs: pairs, rows: sampled, features: chosen.prefix(featuresPerTree).sorted())
            let tree = grown.tree
            trees.append(tree)
            // The rows the tree was grown on know their leaf; the others walk the tree.
            let leafValues = grown.leaves.map { (value: tree.nodes[$0.node].value, range: $0.range) }
            scores.withUnsafeMutableBufferPointer { scores in
                grown.rows.withUnsafeBufferPointer { grownRows in
                    outOfBag.withUnsafeBufferPointer { outOfBag in
                        fitBins.withUnsafeBufferPointer { bins in
                            let shared = Update(scores: scores, rows: grownRows, outOfBag: outOfBag, bins: bins)
                            inHalves(grownRows.count) { range in
                                for leaf in leafValues {
                                    let low = max(leaf.range.lowerBound, range.lowerBound), high = min(leaf.range.upperBound, range.upperBound)
                                    guard low < high else { continue }
                                    for position in low..<high { shared.scores[Int(shared.rows[position])] += leaf.value }
                                }
                            }
                            inHalves(outOfBag.count) { range in
                                for position in range {
                                    let row = Int(shared.outOfBag[position])
                                    shared.scores[row] += tree.value(shared.bins, base: row, stride: fitCount)
                                }
                            }
                        }
                    }
                }
            }
            guard validationCount > 0 else {
                bestCount = trees.count
                continue
            }
            var losses = [0.0, 0.0]
            validationScores.withUnsafeMutableBufferPointer { validationScores in
                validationOutcomes.withUnsafeBufferPointer { validationOutcomes in
                    validationBins.withUnsafeBufferPointer { bins in
                        losses.withUnsafeMutableBufferPointer { losses in
                            let shared = Validation(scores: validationScores, outcomes: validationOutcomes, bins: bins, losses: losses)
                            inHalves(validationCount) { range in
                                var loss = 0.0
                                for row in range {
                                    shared.scores[row] += tree.value(shared.bins, base: row, stride: validationCount)
                                    // log(1 + e^−s) for events, log(1 + e^s) otherwise, written to stay finite.
                                    let margin = shared.outcomes[row] ? shared.scores[row] : -shared.scores[row]
                                    loss += margin > 0 ? log1p(exp(-margin)) : -margin + log1p(exp(margin))
                                }
                                shared.losses[range.lowerBound == 0 ? 0 : 1] = loss
                            }
                        }
                    }
                }
            }
            let loss = losses[0] + losses[1]
            if loss < bestLoss - 1e-12 {
                bestLoss = loss
                bestCount = trees.count
            } else if trees.count - bestCount >= settings.earlyStoppingRounds {
                break
            }
        }
        return GradientBoostedModel(features: binned, trees: Array(trees.prefix(bestCount)), baseLogOdds: base, settings: settings, treesGrown: trees.count)
    }

    /// Runs `work` on the two halves of `0..<count` (the first from 0), at once when there are
    /// enough rows to be worth a second task. The halves do not depend on the machine.
    private static func inHalves(_ count: Int, _ work: @Sendable (Range<Int>) -> Void) {
        let middle = count / 2
        if count < TreeLearner.parallelRows {
            work(0..<middle)
            work(middle..<count)
        } else {
            DispatchQueue.concurrentPerform(iterations: 2) { half in work(half == 0 ? 0..<middle : middle..<count) }
        }
    }

    /// The buffers that the gradients' two halves share (each writes its own rows).
    private struct Halves: @unchecked Sendable {
        let scores: UnsafeBufferPointer<Double>
        let outcomes: UnsafeBufferPointer<Bool>
        let pairs: UnsafeMutableBufferPointer<SIMD2<Float>>
        init(_ scores: UnsafeBufferPointer<Double>, _ outcomes: UnsafeBufferPointer<Bool>, _ pairs: UnsafeMutableBufferPointer<SIMD2<Float>>) {
            self.scores = scores
            self.outcomes = outcomes
            self.pairs = pairs
        }
    }

    /// The buffers that the score update's two halves share (each row is in one half only).
    private struct Update: @unchecked Sendable {
        let scores: UnsafeMutableBufferPointer<Double>
        let rows: UnsafeBufferPointer<Int32>
        let outOfBag: UnsafeBufferPointer<Int32>
        let bins: UnsafeBufferPointer<UInt8>
    }

    /// The buffers that the validation's two halves share.
    private struct Validation: @unchecked Sendable {
        let scores: UnsafeMutableBufferPointer<Double>
        let outcomes: UnsafeBufferPointer<Bool>
        let bins: UnsafeBufferPointer<UInt8>
        let losses: UnsafeMutableBufferPointer<Double>
    }

    /// A uniform draw in [0, 1) with 53 random bits.
    private static func unit(_ generator: inout SeededGenerator) -> Double {
        Double(generator.next() >> 11) * 0x1p-53
    }
}
