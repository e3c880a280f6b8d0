/// One champion/challenger cell's results beside the champion's, in one currency, so that a
/// strategy manager can promote a challenger with evidence (docs/kpis.md, "Champion/challenger").
///
/// A challenger is judged on the plan's primary measure only; the other rates are secondary,
/// shown beside it. Every challenger is tested against the champion on every measure, and each
/// measure's p-values are corrected across all the challengers by Holm's method, so that adding
/// challengers does not make chance differences look real. On a measure where the cell or the
/// champion is below the plan's minimum sample there is no interval and no test, only how many
/// units each cell would need to detect the difference seen.
public struct CellComparison: Sendable, Codable, Equatable {
    /// A rate with its 95% interval and, for a challenger, the test of its difference from the
    /// champion's rate.
    public struct ComparedRate: Sendable, Codable, Equatable {
        public let rate: Double?
        /// What the rate is over: cases with an overdue at entry (recovery rate), cases worked
        /// (cure rate) or settled promises (promise-kept rate).
        public let units: Int
        /// Whether this cell, and for a challenger the champion too, has the plan's minimum
        /// sample on this measure (`CellSample.isEnough`).
        public let hasEnoughData: Bool
        /// Only when this cell has the minimum sample: Wilson's for a proportion (inside [0, 1]),
        /// the delta method's for the recovery rate (never below 0; a recovery rate may exceed 1).
        public let interval: ConfidenceInterval?
        /// The unadjusted test against the champion; nil for the champion itself, without enough
        /// data, and when there is nothing to test.
        public let versusChampion: SignificanceTest?
        /// The test's p-value adjusted by Holm's method across every challenger on this measure.
        public let adjustedPValue: Double?
        /// For a challenger, how many units each cell needs to detect the difference seen at 80%
        /// power with a two-sided test at 0.05 (`CellSample.unitsNeeded`); nil when no difference
        /// is seen or there is too little to estimate it from.
        public let unitsNeeded: Int?

        /// The unadjusted p-value.
        public var pValue: Double? { versusChampion?.pValue }
        /// Whether the Holm-adjusted p-value is below `SignificanceTest.level`.
        public var isSignificant: Bool { adjustedPValue.map { $0 < SignificanceTest.level } ?? false }
    }

    public let cell: String
    public let isChampion: Bool
    public let cases: Int
    /// The measure that decides (`ComparisonPlan.primary`).
    public let primary: ComparisonPlan.Measure
    /// Recovered / overdue at entry; interval by the delta method, test by Welch's z.
    public let recoveryRate: ComparedRate
    /// Cured / cases worked; Wilson interval, two-proportion z-test.
    public let cureRate: ComparedRate
    /// Kept / settled promises; Wilson interval, two-proportion z-test.
    public let promiseKeptRate: ComparedRate
    public let figures: KPIFigures

    public func rate(_ measure: ComparisonPlan.Measure) -> ComparedRate {
        switch measure {
        case .recoveryRate: recoveryRate
        case .cureRate: cureRate
        case .promiseKeptRate: promiseKeptRate
        }
    }

    /// Whether the primary measure differs significantly from the champion's, after Holm's correction.
    public var significant: Bool { rate(primary).isSignificant }
    /// Whether the primary measure has the minimum sample here and in the champion.
    public var hasEnoughData: Bool { rate(primary).hasEnoughData }

    /// Every cell in `tallies` (one currency), the champion first and then the challengers by
    /// name, each challenger tested against `champion` as `plan` says. Without the champion among
    /// the cells nothing is tested.
    public static func compare(_ tallies: [String: KPITally], champion: String, costs: ChannelCosts,
                               plan: ComparisonPlan = .standard) -> [CellComparison] {
        let cells = tallies.sorted { ($0.key == champion ? 0 : 1, $0.key) < ($1.key == champion ? 0 : 1, $1.key) }
        let championSamples = tallies[champion].map(samples)
        let challengers = cells.filter { $0.key != champion }.map { samples($0.value) }
        var adjusted: [ComparisonPlan.Measure: [Double?]] = [:]
        for measure in ComparisonPlan.Measure.allCases {
            adjusted[measure] = HolmCorrection.adjust(challengers.map { challenger in
                championSamples.flatMap { challenger[measure]?.test(against: $0[measure], plan: plan)?.pValue }
            })
        }
        var challengerIndex = 0
        return cells.map { name, tally in
            let isChampion = name == champion
            let own = samples(tally)
            let index = isChampion ? nil : challengerIndex
            if !isChampion { challengerIndex += 1 }
            func compared(_ measure: ComparisonPlan.Measure) -> ComparedRate {
                let sample = own[measure] ?? .proportion(Proportion(successes: 0, trials: 0))
                let base = isChampion ? nil : championSamples?[measure]
                let enough = sample.isEnough(plan) && (isChampion || base?.isEnough(plan) == true)
                return ComparedRate(rate: sample.rate, units: sample.units, hasEnoughData: enough,
                                    interval: sample.isEnough(plan) ? sample.interval : nil,
                                    versusChampion: base.flatMap { sample.test(against: $0, plan: plan) },
                                    adjustedPValue: index.flatMap { adjusted[measure]?[$0] },
                                    unitsNeeded: base.flatMap { sample.unitsNeeded(against: $0, plan: plan) })
            }
            return CellComparison(cell: name, isChampion: isChampion, cases: tally.casesWorked, primary: plan.primary,
                                  recoveryRate: compared(.recoveryRate), cureRate: compared(.cureRate),
                                  promiseKeptRate: compared(.promiseKeptRate), figures: KPIFigures(tally, costs: costs))
        }
    }

    /// A tally's data on each measure.
    private static func samples(_ tally: KPITally) -> [ComparisonPlan.Measure: CellSample] {
        [.recoveryRate: .ratio(tally.recovery),
         .cureRate: .proportion(Proportion(successes: tally.casesCured, trials: tally.casesWorked)),
         .promiseKeptRate: .proportion(Proportion(successes: tally.promisesKept, trials: tally.promisesSettled))]
    }
}
