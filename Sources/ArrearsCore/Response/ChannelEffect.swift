/// What the history says of one channel against `none` (issue 27).
public struct ChannelEffect: Sendable, Codable, Equatable {
    public let channel: ActionChannel
    /// The channel's actions among the training and the hold-out examples.
    public let trainingRows: Int
    public let holdoutRows: Int
    /// The average effect on the amount repaid within the horizon (major units) of this channel
    /// against none, over the training examples where the history took both (`supportRows`), by
    /// the doubly robust (AIPW) estimator on cross-fitted outcome models, with its 95% interval
    /// (nil with fewer than two examples).
    public let averageEffect: Double
    public let effectLow: Double?
    public let effectHigh: Double?
    /// On the hold-out rows of this channel and of none, ranked by the predicted effect: the
    /// Qini coefficient and the measured uplift per case at the top 10% and 30% (nil when the
    /// top share lacks treated or control rows); `holdoutUplift` the uplift over all of them.
    public let qini: Double
    public let upliftTop10: Double?
    public let upliftTop30: Double?
    public let holdoutUplift: Double?
    /// How many training examples the average is over: those in the strategy cells where the
    /// history took both this channel and none, with days past due from the higher of the two
    /// channels' lowest to the lower of their highest (`supportDaysPastDue`). Beyond them an
    /// outcome model would answer for customers its channel was never tried on (a channel allowed
    /// only early, say), which is extrapolation, not evidence. Nil in models trained before.
    public let supportRows: Int?
    public let supportDaysPastDue: [Int]?
    /// The credit ratings and the products the average is over, sorted, when both channels were
    /// taken for only some of the history's (e-mail only for prime ratings, say); nil when for all.
    public let supportRatings: [String]?
    public let supportProducts: [String]?

    public init(channel: ActionChannel, trainingRows: Int, holdoutRows: Int, averageEffect: Double, effectLow: Double?, effectHigh: Double?,
                qini: Double, upliftTop10: Double?, upliftTop30: Double?, holdoutUplift: Double?,
                supportRows: Int? = nil, supportDaysPastDue: ClosedRange<Int>? = nil,
                supportRatings: Set<String>? = nil, supportProducts: Set<String>? = nil) {
        self.channel = channel
        self.trainingRows = trainingRows
        self.holdoutRows = holdoutRows
        self.averageEffect = averageEffect
        self.effectLow = effectLow
        self.effectHigh = effectHigh
        self.qini = qini
        self.upliftTop10 = upliftTop10
        self.upliftTop30 = upliftTop30
        self.holdoutUplift = holdoutUplift
        self.supportRows = supportRows
        self.supportDaysPastDue = supportDaysPastDue.map { [$0.lowerBound, $0.upperBound] }
        self.supportRatings = supportRatings.map { $0.sorted() }
        self.supportProducts = supportProducts.map { $0.sorted() }
    }
}
