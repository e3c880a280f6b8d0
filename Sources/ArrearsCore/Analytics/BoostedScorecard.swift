import Foundation

/// Gradient-boosted trees read the way a scorecard is read: the probability from the trees,
/// points on a scorecard's scale, and reasons in points.
///
/// Points = offset + factor · ln(odds of the good outcome), with factor = `pointsToDoubleOdds`
/// / ln 2 and offset = `baseScore` − factor · ln(`baseOdds`) (`ScoreScaling`): with the defaults,
/// 600 points at odds of 50:1 of the good outcome and 20 more each time they double. A reason is a
/// feature whose TreeSHAP contribution (`GradientBoostedModel.contributions`) pulled the score
/// toward the bad outcome, in points (below 0), with the customer's value as its text.
public struct BoostedScorecard: Sendable, Codable, Equatable {
    public let model: GradientBoostedModel
    public let baseScore: Double
    public let baseOdds: Double
    public let pointsToDoubleOdds: Double
    /// The outcome the points rise with.
    public let goodOutcome: GoodOutcome

    public init(model: GradientBoostedModel, baseScore: Double = 600, baseOdds: Double = 50, pointsToDoubleOdds: Double = 20, goodOutcome: GoodOutcome) {
        self.model = model
        self.baseScore = baseScore
        self.baseOdds = baseOdds
        self.pointsToDoubleOdds = pointsToDoubleOdds
        self.goodOutcome = goodOutcome
    }

    public var scaling: ScoreScaling {
        var settings = ScorecardSettings()
        settings.baseScore = baseScore
        settings.baseOdds = baseOdds
        settings.pointsToDoubleOdds = pointsToDoubleOdds
        settings.goodOutcome = goodOutcome
        return ScoreScaling(settings)
    }

    /// Each row's probability of the event.
    public func probabilities(for input: [Feature]) -> [Double] { model.probabilities(for: input) }

    /// Each row's points, rounded to the nearest whole point.
    public func points(for input: [Feature]) -> [Int] {
        let scaling = self.scaling
        return model.logOdds(for: input).map { Self.whole(scaling.score(logOdds: $0)) }
    }

    /// Each row's reasons: the features whose contributions cost the customer most points, most
    /// first (equal costs in the model's feature order), at most `limit`; features that raised
    /// the score are left out. Contributions are in points, to 0.001.
    public func reasons(for input: [Feature], limit: Int = ScoreReason.kept) -> [[ScoreReason]] {
        let scaling = self.scaling
        let rows = input.first?.values.count ?? 0
        let values = model.features.map { feature in input.first { $0.name == feature.name && $0.values.count == rows }?.values }
        return model.contributions(for: input).enumerated().map { (row: Int, phi: [Double]) -> [ScoreReason] in
            var costs: [(column: Int, points: Double)] = []
            for column in phi.indices {
                let points: Double = (scaling.points(logOdds: phi[column]) * 1000).rounded() / 1000
                if points < 0 { costs.append((column, points)) }
            }
            costs.sort { (a: (column: Int, points: Double), b: (column: Int, points: Double)) -> Bool in
                a.points != b.points ? a.points < b.points : a.column < b.column
            }
            return costs.prefix(max(0, limit)).map { (cost: (column: Int, points: Double)) -> ScoreReason in
                ScoreReason(feature: model.features[cost.column].name, contribution: cost.points, text: Self.text(values[cost.column], row: row))
            }
        }
    }

    /// The customer's value as a reason shows it: the number or the category, or `missing`.
    static func text(_ values: FeatureValues?, row: Int) -> String {
        switch values {
        case .numeric(let numbers) where row < numbers.count && !numbers[row].isNaN:
            let value = numbers[row]
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return String(format: "%.2f", value)
        case .categorical(let texts) where row < texts.count && !texts[row].isEmpty:
            return texts[row]
        default:
            return "missing"
        }
    }

    /// A score as a whole number of points; never traps (scores are far inside Int's range).
    static func whole(_ score: Double) -> Int {
        guard score.isFinite else { return 0 }
        return Int(min(max(score, -1e9), 1e9).rounded())
    }
}
