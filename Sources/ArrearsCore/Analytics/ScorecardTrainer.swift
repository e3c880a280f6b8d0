/// Fits a scorecard: bins every feature, leaves out the features with too little
/// information value (always those without any: a single bin), and fits a logistic regression on the kept features' WoE.
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

        let kept = BinnedFeature.binAll(features, outcomes: outcomes, totals: totals, settings: settings)
            .filter { $0.informationValue > 0 && $0.informationValue >= settings.minInformationValue }
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
                        points: Int((scaling.factor * coefficient * bin.weightOfEvidence.value).rounded())
                    )
                },
                coefficient: coefficient, informationValue: feature.informationValue
            )
        }
        return Scorecard(features: scored, intercept: fit.intercept, settings: settings)
    }
}
