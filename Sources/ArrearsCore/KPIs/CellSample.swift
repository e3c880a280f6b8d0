/// One cell's data on one champion/challenger measure: a proportion (cures of cases, kept of
/// settled promises) or a ratio estimate (recovered of overdue at entry), with what the
/// comparison needs from it: the rate, its interval, the test against the champion, whether the
/// sample is large enough for those to mean anything, and how large it would have to be.
enum CellSample: Sendable, Equatable {
    case proportion(Proportion)
    case ratio(RatioEstimate)

    var rate: Double? {
        switch self {
        case .proportion(let proportion): proportion.rate
        case .ratio(let estimate): estimate.ratio
        }
    }

    /// Trials of a proportion; cases with an overdue at entry of a ratio.
    var units: Int {
        switch self {
        case .proportion(let proportion): proportion.trials
        case .ratio(let estimate): estimate.units
        }
    }

    var interval: ConfidenceInterval? {
        switch self {
        case .proportion(let proportion): proportion.wilson()
        case .ratio(let estimate): estimate.interval()
        }
    }

    /// Whether the normal approximation behind the interval and the test can be trusted: at
    /// least `plan.minimumCases` units, and for a proportion at least
    /// `ComparisonPlan.minimumEachOutcome` successes and as many failures; for a ratio a standard
    /// error to work with.
    func isEnough(_ plan: ComparisonPlan) -> Bool {
        guard units >= plan.minimumCases else { return false }
        switch self {
        case .proportion(let proportion):
            return proportion.successes >= ComparisonPlan.minimumEachOutcome
                && proportion.trials - proportion.successes >= ComparisonPlan.minimumEachOutcome
        case .ratio(let estimate):
            return estimate.standardError != nil
        }
    }

    /// The test of this sample against the champion's, when both are large enough: the
    /// two-proportion z-test or Welch's z for ratio estimates.
    func test(against champion: CellSample?, plan: ComparisonPlan) -> SignificanceTest? {
        guard let champion, isEnough(plan), champion.isEnough(plan) else { return nil }
        switch (champion, self) {
        case (.proportion(let base), .proportion(let challenger)): return SignificanceTest.twoProportions(champion: base, challenger: challenger)
        case (.ratio(let base), .ratio(let challenger)): return SignificanceTest.welch(champion: base, challenger: challenger)
        default: return nil
        }
    }

    /// Units each cell needs to detect the difference seen between the champion's rate and this
    /// one at 80% power, two-sided α = 0.05 (`SampleSize`), and never fewer than it takes to be
    /// `isEnough` at these rates: `plan.minimumCases`, and for a proportion p enough units for
    /// `minimumEachOutcome` successes and failures, ⌈10 / min(p, 1 − p)⌉. Nil when no difference
    /// is seen, or for a ratio when either side has no standard error yet.
    func unitsNeeded(against champion: CellSample, plan: ComparisonPlan) -> Int? {
        let power: Int?
        var floor = plan.minimumCases
        switch (champion, self) {
        case (.proportion(let base), .proportion(let challenger)):
            guard let p1 = base.rate, let p2 = challenger.rate else { return nil }
            power = SampleSize.twoProportions(p1, p2)
            for p in [p1, p2] where p > 0 && p < 1 {
                let rarer = min(p, 1 - p)
                let needed = (Double(ComparisonPlan.minimumEachOutcome) / rarer).rounded(.up)
                if needed <= SampleSize.limit { floor = max(floor, Int(needed)) }
            }
        case (.ratio(let base), .ratio(let challenger)):
            guard let r1 = base.ratio, let r2 = challenger.ratio, let se1 = base.standardError, let se2 = challenger.standardError else { return nil }
            power = SampleSize.twoMeans(difference: r2 - r1, variance1: Double(base.units) * se1 * se1,
                                        variance2: Double(challenger.units) * se2 * se2)
        default:
            return nil
        }
        return power.map { max($0, floor) }
    }
}
