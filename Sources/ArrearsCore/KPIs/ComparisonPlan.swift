/// How champion/challenger cells are judged, from the strategy's `comparison` (docs/kpis.md,
/// "Champion/challenger"): one primary measure decides whether a challenger differs from the
/// champion, the others are shown beside it as secondary, and no verdict is given before both
/// cells have the minimum sample.
public struct ComparisonPlan: Sendable, Codable, Equatable {
    /// A rate the cells are compared on.
    public enum Measure: String, Sendable, Codable, CaseIterable {
        /// Recovered / overdue at entry, a ratio of sums over cases.
        case recoveryRate = "recovery_rate"
        /// Cured / cases worked, a proportion of cases.
        case cureRate = "cure_rate"
        /// Kept / settled promises, a proportion of promises.
        case promiseKeptRate = "promise_kept_rate"
    }

    /// The measure that decides: a challenger is better or worse than the champion on this one.
    public let primary: Measure
    /// The fewest units (cases, or settled promises for the promise-kept rate) a cell must have
    /// on a measure before it gets an interval and a test on it.
    public let minimumCases: Int

    /// 30: the rule of thumb under which the normal approximation of a ratio estimate holds
    /// (Cochran, *Sampling Techniques*, 6.4: n > 30), and a common floor for the central limit
    /// theorem in general.
    public static let defaultMinimumCases = 30
    /// A proportion also needs this many successes and this many failures in each cell, the
    /// success–failure condition for the normal approximation of a two-proportion test
    /// (Diez, Çetinkaya-Rundel & Barr, *OpenIntro Statistics*, 4th ed., 6.1 and 6.2).
    public static let minimumEachOutcome = 10
    /// Recovery rate, 30 cases.
    public static let standard = ComparisonPlan()

    /// `minimumCases` below 2 is taken as 2: no spread can be estimated from one case.
    public init(primary: Measure = .recoveryRate, minimumCases: Int = ComparisonPlan.defaultMinimumCases) {
        self.primary = primary
        self.minimumCases = max(2, minimumCases)
    }

    /// The measures other than the primary, in their declared order.
    public var secondaries: [Measure] { Measure.allCases.filter { $0 != primary } }
}
