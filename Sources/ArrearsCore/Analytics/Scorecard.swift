/// A fitted credit scorecard: binned features, their weights, and the points of every bin.
///
/// The model is log-odds of the event = intercept + Σ coefficient · WoE of the customer's
/// bin. Points are that, scaled (`ScoreScaling`) and rounded once per line of the printed
/// card: `basePoints` = round(offset + factor · s · intercept) and each bin's points =
/// round(factor · s · coefficient · WoE), s being +1 when the score rises with the event and
/// −1 when it rises with the non-event. A customer's score is the sum of the base points and
/// the points of their bins, exactly what a reader adding up the printed card gets; it is
/// within half a point per line of the unrounded score. Points rise with the odds of the good
/// outcome (`ScorecardSettings.goodOutcome`).
public struct Scorecard: Sendable, Codable, Equatable {
    /// The features the model kept, each with its bins.
    public let features: [ScorecardFeature]
    public let intercept: Double
    public let settings: ScorecardSettings
    /// The points every customer starts with.
    public let basePoints: Int
    /// Why each input feature was kept or left out, in the input's order; `nil` for
    /// scorecards trained before the trainer recorded it.
    public let selection: [FeatureSelection]?

    public init(features: [ScorecardFeature], intercept: Double, settings: ScorecardSettings, selection: [FeatureSelection]? = nil) {
        self.features = features
        self.intercept = intercept
        self.settings = settings
        self.selection = selection
        let scaling = ScoreScaling(settings)
        basePoints = Int((scaling.offset + scaling.points(logOdds: intercept)).rounded())
    }

    /// Every row's weight of evidence in each of the scorecard's features, in their order.
    /// Input features are found by name; a missing one, a value no bin holds and a missing
    /// value all go to the feature's missing bin, or weigh 0 when it has none.
    public func designMatrix(for input: [Feature]) -> DesignMatrix {
        let rows = input.first?.values.count ?? 0
        return DesignMatrix(
            columnNames: features.map(\.name), rows: rows, bins: binIndices(for: input, rows: rows),
            weights: features.map { $0.bins.map(\.weightOfEvidence) }
        )
    }

    /// Each row's log-odds of the event.
    public func logOdds(for input: [Feature]) -> [Double] {
        let matrix = designMatrix(for: input)
        return (0..<matrix.rows).map { row in
            features.indices.reduce(intercept) { $0 + features[$1].coefficient * matrix[row, $1] }
        }
    }

    /// Each row's probability of the event.
    public func probabilities(for input: [Feature]) -> [Double] {
        logOdds(for: input).map(LogisticRegression.probability(logOdds:))
    }

    /// Each row's score: the base points plus the points of the row's bins.
    public func points(for input: [Feature]) -> [Int] {
        let rows = input.first?.values.count ?? 0
        let bins = binIndices(for: input, rows: rows)
        return (0..<rows).map { row in
            features.indices.reduce(basePoints) { total, column in
                let bin = bins[column][row]
                return total + (bin < 0 ? 0 : features[column].bins[Int(bin)].points)
            }
        }
    }

    /// Each feature's bin of every row (−1 where there is none).
    func binIndices(for input: [Feature], rows: Int) -> [[Int32]] {
        features.map { feature in
            guard let values = input.first(where: { $0.name == feature.name })?.values else {
                return Array(repeating: feature.missingBin, count: rows)
            }
            precondition(values.count == rows, "every feature needs a value for every row")
            return feature.binIndices(values)
        }
    }
}
