/// What the history says of one channel against `none` (issue 27).
public struct ChannelEffect: Sendable, Codable, Equatable {
    public let channel: ActionChannel
    /// The channel's actions among the training and the hold-out examples.
    public let trainingRows: Int
    public let holdoutRows: Int
    /// The average effect on the amount repaid within the horizon (major units) of this channel
    /// against none, over every training example, by the doubly robust (AIPW) estimator on
    /// cross-fitted outcome models, with its 95% interval (nil with fewer than two examples).
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

    public init(channel: ActionChannel, trainingRows: Int, holdoutRows: Int, averageEffect: Double, effectLow: Double?, effectHigh: Double?,
                qini: Double, upliftTop10: Double?, upliftTop30: Double?, holdoutUplift: Double?) {
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
    }
}
