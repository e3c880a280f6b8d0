/// How a scorecard is binned, fitted and scaled to points.
///
/// New scorecards score 600 points at odds of 50 : 1 of the good outcome, 20 points more
/// each time those odds double, the good outcome being the non-event (not defaulting) unless
/// set otherwise.
public struct ScorecardSettings: Sendable, Codable, Equatable {
    /// Quantile bins a numeric feature starts from before merging.
    public var initialBins: Int
    /// The most bins a feature keeps, not counting its missing bin.
    public var maxBins: Int
    /// The smallest share of all rows a bin may hold (the missing bin excepted): smaller
    /// numeric bins merge with a neighbour, smaller categories merge into "other".
    public var minBinShare: Double
    /// The ridge penalty: the fit maximises log-likelihood − l2/2 · Σ β², the intercept
    /// unpenalised. The default 1 is scikit-learn's default `C = 1`; 0 fits without a penalty.
    public var l2: Double
    /// Features whose information value is below this are left out of the model.
    public var minInformationValue: Double
    /// Of two features whose WoE correlate more than this (in absolute value), the one with
    /// less information value is left out; `nil` (models trained before it existed) keeps both.
    public var maxCorrelation: Double?
    /// Per numeric feature, values that are codes rather than amounts (for example -1 or 98
    /// meaning "not known"): each gets a bin of its own, outside the ranges.
    public var specialValues: [String: [Double]]?
    /// The score of a customer whose odds of the good outcome are `baseOdds`.
    public var baseScore: Double
    /// The odds of the good outcome (good : bad) at `baseScore`.
    public var baseOdds: Double
    /// Points added when the odds of the good outcome double.
    public var pointsToDoubleOdds: Double
    /// The outcome the score rises with. `nil` is how scorecards trained before it existed
    /// are stored: their score rose with the odds of the event, `baseOdds` being the odds of
    /// the event, exactly as `.event`; they keep scoring as they did.
    public var goodOutcome: GoodOutcome?
    /// Newton steps the fit may take before it gives up.
    public var maxIterations: Int
    /// The fit has converged when no coefficient moves by this much in a step.
    public var tolerance: Double

    public init(
        initialBins: Int = 20,
        maxBins: Int = 8,
        minBinShare: Double = 0.05,
        l2: Double = 1,
        minInformationValue: Double = 0.002,
        maxCorrelation: Double? = 0.9,
        specialValues: [String: [Double]]? = nil,
        baseScore: Double = 600,
        baseOdds: Double = 50,
        pointsToDoubleOdds: Double = 20,
        goodOutcome: GoodOutcome? = .nonEvent,
        maxIterations: Int = 100,
        tolerance: Double = 1e-9
    ) {
        self.initialBins = initialBins
        self.maxBins = maxBins
        self.minBinShare = minBinShare
        self.l2 = l2
        self.minInformationValue = minInformationValue
        self.maxCorrelation = maxCorrelation
        self.specialValues = specialValues
        self.baseScore = baseScore
        self.baseOdds = baseOdds
        self.pointsToDoubleOdds = pointsToDoubleOdds
        self.goodOutcome = goodOutcome
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }

    /// Throws `ScorecardError.invalidSetting` for the first setting out of its range.
    public func validate() throws(ScorecardError) {
        func require(_ holds: Bool, _ name: String, _ value: Double, _ rule: String) throws(ScorecardError) {
            if !holds { throw .invalidSetting(name: name, value: value, rule: rule) }
        }
        try require(initialBins >= 2, "initialBins", Double(initialBins), "at least 2")
        try require(maxBins >= 1, "maxBins", Double(maxBins), "at least 1")
        try require(minBinShare >= 0 && minBinShare < 1, "minBinShare", minBinShare, "from 0 up to but not including 1")
        try require(l2 >= 0 && l2.isFinite, "l2", l2, "0 or more")
        try require(minInformationValue >= 0, "minInformationValue", minInformationValue, "0 or more")
        if let maxCorrelation { try require(maxCorrelation > 0 && maxCorrelation <= 1, "maxCorrelation", maxCorrelation, "more than 0 and at most 1") }
        for (feature, values) in specialValues ?? [:] {
            for value in values { try require(value.isFinite, "specialValues[\(feature)]", value, "a finite number") }
        }
        try require(baseScore.isFinite, "baseScore", baseScore, "a finite number")
        try require(baseOdds > 0 && baseOdds.isFinite, "baseOdds", baseOdds, "more than 0")
        try require(pointsToDoubleOdds > 0 && pointsToDoubleOdds.isFinite, "pointsToDoubleOdds", pointsToDoubleOdds, "more than 0")
        try require(maxIterations >= 1, "maxIterations", Double(maxIterations), "at least 1")
        try require(tolerance > 0, "tolerance", tolerance, "more than 0")
    }
}
