import ArrearsCore

extension BehaviourModel {
    /// A range of one of the customer's characteristics (days past due, days since their last
    /// payment, the overdue amount) and the factor on a channel's chances within it.
    public struct EffectBand: Sendable, Equatable {
        /// The band's highest value; `nil` for the last, open-ended band.
        public var max: Double?
        public var factor: Double

        public init(max: Double?, factor: Double) {
            self.max = max
            self.factor = factor
        }
    }

    /// Who a channel moves most (the heterogeneous treatment effects of `channel_effects` in
    /// `config/behaviour.yaml`): factors on a reached customer's chances of paying and promising
    /// after a contact on this channel, by band of days past due, of days since the customer's
    /// last payment and of the case's overdue amount (major units). They touch neither the
    /// right-party contact nor self-cure, so they change what a contact adds over no contact,
    /// differently for each channel: a text helps most in the first days, a call most the
    /// customers who still pay now and then, a visit most the large debts. An empty list is a
    /// factor of 1; so is a characteristic that is not known (`nil`).
    public struct ChannelEffects: Sendable, Equatable {
        public var daysPastDue: [EffectBand]
        public var daysSincePayment: [EffectBand]
        public var overdue: [EffectBand]

        public init(daysPastDue: [EffectBand] = [], daysSincePayment: [EffectBand] = [], overdue: [EffectBand] = []) {
            self.daysPastDue = daysPastDue
            self.daysSincePayment = daysSincePayment
            self.overdue = overdue
        }

        /// No modifier: every customer the same.
        public static let none = ChannelEffects()

        /// The product of the factors of the bands the customer's values fall in.
        public func factor(daysPastDue dpd: Int, daysSincePayment silence: Int?, overdue amount: Double?) -> Double {
            Self.factor(daysPastDue, Double(dpd)) * Self.factor(daysSincePayment, silence.map(Double.init))
                * Self.factor(overdue, amount)
        }

        static func factor(_ bands: [EffectBand], _ value: Double?) -> Double {
            guard let value, value.isFinite, !bands.isEmpty else { return 1 }
            return bands.first { band in band.max.map { value <= $0 } ?? true }?.factor ?? 1
        }
    }

    /// The channel's effect modifiers; `.none` for a channel the file gives none.
    public func effects(of channel: Channel) -> ChannelEffects {
        channelEffects[channel] ?? .none
    }
}
