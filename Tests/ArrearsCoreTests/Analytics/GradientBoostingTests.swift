import ArrearsCore
import XCTest

/// The tree learner of the challenger model (issue 26) on small data whose right answer is known.
final class GradientBoostingTests: XCTestCase {
    /// Rows drawn from a seeded generator: `x` uniform on 0–100, `noise` uniform, outcomes drawn
    /// from `logOdds(x)`; `missingShare` of `x` is NaN, with the event rate `missingRate`.
    private func data(rows: Int, seed: UInt64, missingShare: Double = 0, missingRate: Double = 0.5,
                      logOdds: (Double) -> Double) -> (features: [Feature], outcomes: [Bool]) {
        var random = SeededGenerator(seed: seed)
        var x = [Double](), noise = [Double](), outcomes = [Bool]()
        for _ in 0..<rows {
            let value = Double.random(in: 0..<100, using: &random)
            let missing = Double.random(in: 0..<1, using: &random) < missingShare
            let probability = missing ? missingRate : LogisticRegression.probability(logOdds: logOdds(value))
            x.append(missing ? .nan : value)
            noise.append(Double.random(in: 0..<1, using: &random))
            outcomes.append(Double.random(in: 0..<1, using: &random) < probability)
        }
        return ([Feature(name: "x", values: .numeric(x)), Feature(name: "noise", values: .numeric(noise))], outcomes)
    }

    private func probabilities(_ model: GradientBoostedModel, x: [Double], noise: Double = 0.5) -> [Double] {
        model.probabilities(for: [Feature(name: "x", values: .numeric(x)), Feature(name: "noise", values: .numeric(x.map { _ in noise }))])
    }

    func testAnIncreasingConstraintKeepsPredictionsFromFallingWhereTheDataFalls() throws {
        // U-shaped: the event rate falls from 0 to 50, then rises.
        let (features, outcomes) = data(rows: 4000, seed: 3) { x in pow((x - 50) / 25, 2) - 1 }
        let grid = stride(from: 0.5, to: 100, by: 1).map { $0 }
        let free = try GradientBoostingTrainer.fit(features, outcomes: outcomes, settings: .init(maxTrees: 200))
        let freeCurve = probabilities(free, x: grid)
        XCTAssertGreaterThan(freeCurve[0], freeCurve[50] + 0.2, "without the constraint the trees follow the U down")

        let constrained = try GradientBoostingTrainer.fit(features, outcomes: outcomes, settings: .init(maxTrees: 200, monotone: ["x": .increasing]))
        for noise in [0.1, 0.5, 0.9] {
            let curve = probabilities(constrained, x: grid, noise: noise)
            for index in curve.indices.dropFirst() {
                XCTAssertGreaterThanOrEqual(curve[index], curve[index - 1] - 1e-12, "x \(grid[index]) noise \(noise)")
            }
        }
        XCTAssertGreaterThan(probabilities(constrained, x: [99])[0], probabilities(constrained, x: [1])[0], "the rise above 50 is kept")

        let decreasing = try GradientBoostingTrainer.fit(features, outcomes: outcomes, settings: .init(maxTrees: 200, monotone: ["x": .decreasing]))
        let falling = probabilities(decreasing, x: grid)
        for index in falling.indices.dropFirst() { XCTAssertLessThanOrEqual(falling[index], falling[index - 1] + 1e-12) }
    }

    func testMissingValuesGoToTheSideWhoseEventRateTheyShare() throws {
        // Above 50 the event rate is high; missing values behave like high values in one data
        // set and like low ones in the other.
        let step: (Double) -> Double = { $0 > 50 ? 1.5 : -2 }
        for (missingRate, like) in [(0.8, 90.0), (0.12, 10.0)] {
            let (features, outcomes) = data(rows: 5000, seed: 11, missingShare: 0.2, missingRate: missingRate, logOdds: step)
            let model = try GradientBoostingTrainer.fit(features, outcomes: outcomes, settings: .init(maxTrees: 100, maxLeaves: 2, maxDepth: 1))
            let root = try XCTUnwrap(model.trees.first?.nodes.first)
            XCTAssertEqual(model.features[root.feature].name, "x")
            XCTAssertEqual(root.missingGoesLeft, like < 50, "missing rate \(missingRate)")
            let (missing, alike, other) = (probabilities(model, x: [.nan])[0], probabilities(model, x: [like])[0], probabilities(model, x: [100 - like])[0])
            XCTAssertEqual(missing, alike, accuracy: 0.05, "missing rate \(missingRate)")
            XCTAssertGreaterThan(abs(missing - other), 0.4, "missing rate \(missingRate)")
        }
    }

    func testTheSameSeedGivesTheSameModelAndAnotherSeedAnotherOne() throws {
        let (features, outcomes) = data(rows: 3000, seed: 5, missingShare: 0.05) { x in (x - 50) / 20 }
        let first = try GradientBoostingTrainer.fit(features, outcomes: outcomes, settings: .init(maxTrees: 60, seed: 7))
        let second = try GradientBoostingTrainer.fit(features, outcomes: outcomes, settings: .init(maxTrees: 60, seed: 7))
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.logOdds(for: features), second.logOdds(for: features))
        let other = try GradientBoostingTrainer.fit(features, outcomes: outcomes, settings: .init(maxTrees: 60, seed: 8))
        XCTAssertNotEqual(first.trees, other.trees, "another seed subsamples other rows")
    }

    func testTheTreesFindTheSignalAndRankItFirst() throws {
        let (features, outcomes) = data(rows: 4000, seed: 9) { x in (x - 50) / 15 }
        let model = try GradientBoostingTrainer.fit(features, outcomes: outcomes)
        let validation = ModelValidation(probabilities: model.probabilities(for: features), outcomes: outcomes)
        XCTAssertGreaterThan(validation.auc, 0.85)
        XCTAssertLessThan(model.trees.count, model.settings.maxTrees, "early stopping ends the boosting")
        XCTAssertGreaterThan(model.importance[0], 5 * model.importance[1], "x carries the signal, noise none")
    }

    /// TreeSHAP against the Shapley values computed from their definition: for every subset S of
    /// the features, v(S) is the tree's value with the features in S fixed to the row's and the
    /// others averaged over the training rows by cover.
    func testContributionsAreTheExactShapleyValuesAndAddUpToTheLogOdds() throws {
        var random = SeededGenerator(seed: 21)
        var columns = [[Double]](repeating: [], count: 3), outcomes = [Bool]()
        for _ in 0..<3000 {
            let row = (0..<3).map { _ in Double.random(in: 0..<1, using: &random) < 0.1 ? Double.nan : Double.random(in: 0..<10, using: &random) }
            for index in 0..<3 { columns[index].append(row[index]) }
            let logOdds = (row[0].isNaN ? 1 : row[0] / 3 - 1) + (row[1].isNaN ? 0 : (row[1] > 5 ? 1 : -1)) * (row[2].isNaN ? 0.5 : row[2] / 10)
            outcomes.append(Double.random(in: 0..<1, using: &random) < LogisticRegression.probability(logOdds: logOdds))
        }
        let features = (0..<3).map { Feature(name: "f\($0)", values: .numeric(columns[$0])) }
        let model = try GradientBoostingTrainer.fit(features, outcomes: outcomes, settings: .init(maxTrees: 30, maxLeaves: 8, maxDepth: 4))
        let rows = Array(0..<25)
        let sample = features.map { $0.rows(rows) }
        let contributions = model.contributions(for: sample)
        let logOdds = model.logOdds(for: sample)
        for (row, phi) in contributions.enumerated() {
            XCTAssertEqual(model.expectedLogOdds + phi.reduce(0, +), logOdds[row], accuracy: 1e-9, "local accuracy, row \(row)")
            let bins = model.features.indices.map { model.features[$0].bin(of: columns[$0][row]) }
            for feature in 0..<3 {
                var exact = 0.0
                for subset in 0..<8 where subset & (1 << feature) == 0 {
                    let size = (0..<3).filter { subset & (1 << $0) != 0 }.count
                    let weight = Double(factorial(size) * factorial(3 - size - 1)) / Double(factorial(3))
                    let gain = model.trees.reduce(0.0) { $0 + conditional($1, bins, subset | (1 << feature)) - conditional($1, bins, subset) }
                    exact += weight * gain
                }
                XCTAssertEqual(phi[feature], exact, accuracy: 1e-9, "row \(row) feature \(feature)")
            }
        }
    }

    private func factorial(_ n: Int) -> Int { n <= 1 ? 1 : n * factorial(n - 1) }

    /// The tree's value with the features in `known` (a bit set) fixed to `bins`, the others averaged by cover.
    private func conditional(_ tree: BoostedTree, _ bins: [UInt8], _ known: Int, node index: Int = 0) -> Double {
        let node = tree.nodes[index]
        if node.isLeaf { return node.value }
        if known & (1 << node.feature) != 0 {
            let bin = bins[node.feature]
            let left = bin == 0 ? node.missingGoesLeft : Int(bin) <= node.threshold
            return conditional(tree, bins, known, node: left ? node.left : node.right)
        }
        let left = tree.nodes[node.left], right = tree.nodes[node.right]
        return (left.cover * conditional(tree, bins, known, node: node.left) + right.cover * conditional(tree, bins, known, node: node.right)) / node.cover
    }

    func testOneNonEventAmongManyEventsStillGivesFiniteProbabilities() throws {
        // Whichever part the validation shuffle puts the only non-event in, all rows train.
        let features = [Feature(name: "x", values: .numeric((0..<40).map(Double.init)))]
        let outcomes = (0..<40).map { $0 != 7 }
        for seed: UInt64 in 1...20 {
            let model = try GradientBoostingTrainer.fit(features, outcomes: outcomes, settings: .init(maxTrees: 5, minSamplesPerLeaf: 1, seed: seed))
            XCTAssertTrue(model.probabilities(for: features).allSatisfy(\.isFinite), "seed \(seed)")
        }
    }

    func testSettingsOutOfRangeAreRefusedByName() {
        let features = [Feature(name: "x", values: .numeric([1, 2, 3, 4]))]
        XCTAssertThrowsError(try GradientBoostingTrainer.fit(features, outcomes: [true, false, true, false], settings: .init(learningRate: 0))) { error in
            XCTAssertEqual(error as? ScorecardError, .invalidSetting(name: "learningRate", value: 0, rule: "more than 0 and at most 1"))
        }
        XCTAssertThrowsError(try GradientBoostingTrainer.fit(features, outcomes: [false, false, false, false])) { error in
            XCTAssertEqual(error as? ScorecardError, .noEvents)
        }
    }
}
