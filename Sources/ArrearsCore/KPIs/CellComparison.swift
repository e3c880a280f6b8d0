/// One champion/challenger cell's results beside the champion's, in one currency, so that a
/// strategy manager can promote a challenger with evidence (docs/kpis.md, "Champion/challenger").
public struct CellComparison: Sendable, Codable, Equatable {
    /// A rate with its 95% interval and, for a challenger, the test of its difference from the
    /// champion's rate.
    public struct ComparedRate: Sendable, Codable, Equatable {
        public let rate: Double?
        public let interval: ConfidenceInterval?
        /// Nil for the champion itself, and when there is nothing to test.
        public let versusChampion: SignificanceTest?

        public var pValue: Double? { versusChampion?.pValue }
        public var isSignificant: Bool { versusChampion?.isSignificant ?? false }
    }

    public let cell: String
    public let isChampion: Bool
    public let cases: Int
    /// Recovered / overdue at entry; interval by the delta method, test by Welch's z.
    public let recoveryRate: ComparedRate
    /// Cured / cases worked; Wilson interval, two-proportion z-test.
    public let cureRate: ComparedRate
    /// Kept / settled promises; Wilson interval, two-proportion z-test.
    public let promiseKeptRate: ComparedRate
    public let figures: KPIFigures

    /// Whether any of the three rates differs significantly from the champion's.
    public var significant: Bool { recoveryRate.isSignificant || cureRate.isSignificant || promiseKeptRate.isSignificant }

    /// Every cell in `tallies` (one currency), the champion first and then the challengers by
    /// name, each challenger tested against `champion`. Without the champion among the cells
    /// nothing is tested.
    public static func compare(_ tallies: [String: KPITally], champion: String, costs: ChannelCosts) -> [CellComparison] {
        let championTally = tallies[champion]
        let order = tallies.keys.sorted { ($0 == champion ? 0 : 1, $0) < ($1 == champion ? 0 : 1, $1) }
        return order.map { cell in
            let tally = tallies[cell]!
            let base = cell == champion ? nil : championTally
            let cure = Proportion(successes: tally.casesCured, trials: tally.casesWorked)
            let kept = Proportion(successes: tally.promisesKept, trials: tally.promisesSettled)
            func proportions(_ value: Proportion, _ championValue: Proportion?) -> ComparedRate {
                ComparedRate(rate: value.rate, interval: value.wilson(),
                             versusChampion: championValue.flatMap { SignificanceTest.twoProportions(champion: $0, challenger: value) })
            }
            return CellComparison(
                cell: cell, isChampion: cell == champion, cases: tally.casesWorked,
                recoveryRate: ComparedRate(rate: tally.recovery.ratio, interval: tally.recovery.interval(),
                                           versusChampion: base.flatMap { SignificanceTest.welch(champion: $0.recovery, challenger: tally.recovery) }),
                cureRate: proportions(cure, base.map { Proportion(successes: $0.casesCured, trials: $0.casesWorked) }),
                promiseKeptRate: proportions(kept, base.map { Proportion(successes: $0.promisesKept, trials: $0.promisesSettled) }),
                figures: KPIFigures(tally, costs: costs))
        }
    }
}
