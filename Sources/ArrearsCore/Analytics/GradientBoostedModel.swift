import Foundation

/// A fitted model of gradient-boosted trees (`GradientBoostingTrainer`): the log-odds of the
/// event = `baseLogOdds` + the sum of the trees' values for the row's bins.
public struct GradientBoostedModel: Sendable, Codable, Equatable {
    /// The input features in the training order, each with its bins.
    public let features: [BoostedFeature]
    public let trees: [BoostedTree]
    /// The log-odds of the event in the training rows, where the trees start.
    public let baseLogOdds: Double
    public let settings: GradientBoostingSettings
    /// The number of trees grown before early stopping chose the best (`trees.count`).
    public let treesGrown: Int

    public init(features: [BoostedFeature], trees: [BoostedTree], baseLogOdds: Double, settings: GradientBoostingSettings, treesGrown: Int) {
        self.features = features
        self.trees = trees
        self.baseLogOdds = baseLogOdds
        self.settings = settings
        self.treesGrown = treesGrown
    }

    /// Each feature's importance: the loss reduction of all the splits on it, in `features`' order.
    public var importance: [Double] {
        var gains = [Double](repeating: 0, count: features.count)
        for tree in trees {
            for node in tree.nodes where !node.isLeaf { gains[node.feature] += node.gain }
        }
        return gains
    }

    /// Each feature's number of splits, in `features`' order.
    public var splitCounts: [Int] {
        var counts = [Int](repeating: 0, count: features.count)
        for tree in trees {
            for node in tree.nodes where !node.isLeaf { counts[node.feature] += 1 }
        }
        return counts
    }

    /// The rows' bins, row-major (row r's bin of feature f at r × features.count + f). Input
    /// features are found by name; a missing one puts every row in the missing bin.
    func binMatrix(for input: [Feature]) -> (rows: Int, bins: [UInt8]) {
        let rows = input.first?.values.count ?? 0
        var matrix = [UInt8](repeating: 0, count: rows * features.count)
        for (column, feature) in features.enumerated() {
            guard let values = input.first(where: { $0.name == feature.name })?.values, values.count == rows else { continue }
            for (row, bin) in feature.bins(values).enumerated() { matrix[row * features.count + column] = bin }
        }
        return (rows, matrix)
    }

    /// Each row's log-odds of the event.
    public func logOdds(for input: [Feature]) -> [Double] {
        let (rows, bins) = binMatrix(for: input)
        return Self.logOdds(trees, base: baseLogOdds, bins: bins, rows: rows, featureCount: features.count)
    }

    static func logOdds(_ trees: [BoostedTree], base: Double, bins: [UInt8], rows: Int, featureCount: Int) -> [Double] {
        var result = [Double](repeating: base, count: rows)
        bins.withUnsafeBufferPointer { bins in
            for tree in trees {
                for row in 0..<rows { result[row] += tree.value(bins, base: row * featureCount) }
            }
        }
        return result
    }

    /// Each row's probability of the event.
    public func probabilities(for input: [Feature]) -> [Double] {
        logOdds(for: input).map(LogisticRegression.probability(logOdds:))
    }

    /// Why each row's log-odds are what they are: TreeSHAP values per feature, in `features`'
    /// order, that add up with `expectedLogOdds` to the row's log-odds.
    public func contributions(for input: [Feature]) -> [[Double]] {
        let (rows, bins) = binMatrix(for: input)
        return bins.withUnsafeBufferPointer { bins in
            (0..<rows).map { row in
                var phi = [Double](repeating: 0, count: features.count)
                for tree in trees { tree.addContributions(bins, base: row * features.count, to: &phi) }
                return phi
            }
        }
    }

    /// The log-odds averaged over the training rows by the trees' cover: where contributions start.
    public var expectedLogOdds: Double { trees.reduce(baseLogOdds) { $0 + $1.expectedValue } }

    /// Each row's features that raise its log-odds of the event most, largest first, at most
    /// `limit`, with their contributions.
    public func topReasons(for input: [Feature], limit: Int = 3) -> [[(feature: String, contribution: Double)]] {
        contributions(for: input).map { phi in
            phi.indices.filter { phi[$0] > 0 }.sorted { phi[$0] != phi[$1] ? phi[$0] > phi[$1] : $0 < $1 }.prefix(limit)
                .map { (features[$0].name, phi[$0]) }
        }
    }
}
