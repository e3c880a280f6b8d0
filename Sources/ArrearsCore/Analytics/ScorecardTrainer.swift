/// Fits a scorecard: bins every feature, leaves out the features with too little
/// information value (always those without any: a single bin) and, of each pair whose WoE
/// correlate beyond `maxCorrelation`, the one with less information value, then fits a
/// logistic regression on the kept features' WoE. The scorecard's `selection` says why each
/// feature was kept or left out.
public enum ScorecardTrainer {
    /// `outcomes[row]` is true where the event (default, non-payment, …) happened.
    public static func fit(_ features: [Feature], outcomes: [Bool], settings: ScorecardSettings = .init()) throws(ScorecardError) -> Scorecard {
        try settings.validate()
        guard !outcomes.isEmpty else { throw .emptyData }
        var names: Set<String> = []
        for feature in features {
            guard feature.values.count == outcomes.count else {
                throw .rowCountMismatch(feature: feature.name, expected: outcomes.count, actual: feature.values.count)
            }
            guard names.insert(feature.name).inserted else { throw .duplicateColumn(feature.name) }
        }
        let events = outcomes.count { $0 }
        guard events > 0 else { throw .noEvents }
        guard events < outcomes.count else { throw .onlyEvents }
        let totals = OutcomeTotals(events: events, nonEvents: outcomes.count - events)

        let binned = BinnedFeature.binAll(features, outcomes: outcomes, totals: totals, settings: settings)
        let (kept, selection) = select(binned, settings: settings)
        let matrix = DesignMatrix(
            columnNames: kept.map(\.name), rows: outcomes.count,
            bins: kept.map(\.rowBins),
            weights: kept.map { $0.bins.map(\.weightOfEvidence.value) }
        )
        let fit = try LogisticRegression.fit(matrix, outcomes: outcomes, l2: settings.l2, maxIterations: settings.maxIterations, tolerance: settings.tolerance)
        let scaling = ScoreScaling(settings)
        let scored = zip(kept, fit.coefficients).map { feature, coefficient in
            ScorecardFeature(
                name: feature.name, kind: feature.kind, monotonicity: feature.monotonicity,
                bins: feature.bins.map { bin in
                    ScorecardBin(
                        label: bin.label, membership: bin.membership, count: bin.count, events: bin.events,
                        weightOfEvidence: bin.weightOfEvidence.value, informationValue: bin.weightOfEvidence.informationValue,
                        points: Int(scaling.points(logOdds: coefficient * bin.weightOfEvidence.value).rounded())
                    )
                },
                coefficient: coefficient, informationValue: feature.informationValue
            )
        }
        return Scorecard(features: scored, intercept: fit.intercept, settings: settings, selection: selection)
    }

    /// Rows the WoE correlations are measured on, at most: every k-th row of larger data, so
    /// that a million rows cost no more than this many (the estimate is within about 0.01).
    static let correlationRows = 100_000

    /// The features to fit, in their input order, and the decision on every feature. Features
    /// are taken by information value, highest first; one whose WoE correlates beyond the
    /// limit with a feature already taken is left out.
    static func select(_ binned: [BinnedFeature], settings: ScorecardSettings) -> ([BinnedFeature], [FeatureSelection]) {
        var decisions = [FeatureSelection.Decision](repeating: .lowInformationValue, count: binned.count)
        var taken: [(index: Int, woe: [Double])] = []
        let rows = binned.first?.rowBins.count ?? 0
        let sampled = Array(Swift.stride(from: 0, to: rows, by: max(1, rows / correlationRows)))
        let order = binned.indices.sorted { binned[$0].informationValue > binned[$1].informationValue || (binned[$0].informationValue == binned[$1].informationValue && $0 < $1) }
        for index in order {
            let feature = binned[index]
            guard feature.informationValue > 0, feature.informationValue >= settings.minInformationValue else { continue }
            guard let limit = settings.maxCorrelation else {
                decisions[index] = .kept
                continue
            }
            let woe = sampled.map { feature.bins[Int(feature.rowBins[$0])].weightOfEvidence.value }
            if let (other, correlation) = taken.lazy.map({ ($0.index, pearson(woe, $0.woe)) }).first(where: { abs($0.1) > limit }) {
                decisions[index] = .correlated(with: binned[other].name, correlation: correlation)
                continue
            }
            decisions[index] = .kept
            taken.append((index, woe))
        }
        let selection = binned.indices.map { FeatureSelection(name: binned[$0].name, informationValue: binned[$0].informationValue, decision: decisions[$0]) }
        return (binned.indices.filter { decisions[$0] == .kept }.map { binned[$0] }, selection)
    }

    /// Pearson's correlation of two columns of equal length; 0 when either is constant.
    private static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let count = Double(x.count)
        guard count > 0 else { return 0 }
        let meanX = x.reduce(0, +) / count, meanY = y.reduce(0, +) / count
        var covariance = 0.0, varianceX = 0.0, varianceY = 0.0
        for row in x.indices {
            let dx = x[row] - meanX, dy = y[row] - meanY
            covariance += dx * dy
            varianceX += dx * dx
            varianceY += dy * dy
        }
        guard varianceX > 0, varianceY > 0 else { return 0 }
        return covariance / (varianceX * varianceY).squareRoot()
    }
}
