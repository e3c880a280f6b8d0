import ArrearsCore
import Foundation

/// How customers behave towards collections, day by day: the parameters of
/// `config/behaviour.yaml` (see `BehaviourConfig` and docs/simulation.md).
///
/// A customer in collections who is reached on a business day (right-party contact) pays all
/// that is overdue, pays part of it, promises to pay, or does nothing, with chances that depend
/// on the channel and scale with the customer's segment, days past due and the size of the debt.
/// A customer nobody reached may still pay everything of their own accord (self-cure). A promise
/// is kept, partly kept or broken with chances by segment. Customers who are up to date pay
/// their next due on time with a chance by credit rating.
///
/// A pure value: every chance is a number from 0 to 1, every share a range of basis points of
/// an amount, so the model can be copied and changed for a what-if run. The tables cover every
/// channel, segment and credit rating (the initialiser requires it).
public struct BehaviourModel: Sendable, Equatable {
    /// What a channel achieves on the day it is used.
    public struct ChannelResponse: Sendable, Equatable {
        /// The chance that an attempt reaches the customer themselves (right-party contact).
        public var rightPartyContact: Double
        /// Once reached: the chance the customer pays all that is overdue, …
        public var payAll: Double
        /// … pays part of it, …
        public var payPart: Double
        /// … or promises to pay.
        public var promise: Double
        /// Multiplies the three chances above when the case owes at least `largeDebtFrom`: a text
        /// message rarely moves a large debt, a visit moves it best.
        public var largeDebtFactor: Double

        public init(rightPartyContact: Double, payAll: Double, payPart: Double, promise: Double, largeDebtFactor: Double) {
            self.rightPartyContact = rightPartyContact
            self.payAll = payAll
            self.payPart = payPart
            self.promise = promise
            self.largeDebtFactor = largeDebtFactor
        }
    }

    /// How a segment differs from the channels' base chances.
    public struct SegmentBehaviour: Sendable, Equatable {
        /// Multiplies every reached customer's chances of paying and promising.
        public var responseFactor: Double
        /// The daily chance that a customer nobody reached pays all that is overdue.
        public var selfCure: Double
        /// The chance a promise is kept in full, and that it is partly kept; broken otherwise.
        public var promiseKept: Double
        public var promisePartlyKept: Double

        public init(responseFactor: Double, selfCure: Double, promiseKept: Double, promisePartlyKept: Double) {
            self.responseFactor = responseFactor
            self.selfCure = selfCure
            self.promiseKept = promiseKept
            self.promisePartlyKept = promisePartlyKept
        }
    }

    /// A range of days past due and the factor on every chance of paying within it: the longer
    /// a debt is overdue, the less likely it is paid.
    public struct DPDBand: Sendable, Equatable {
        /// The band's last day; `nil` for the last, open-ended band.
        public var maxDays: Int?
        public var factor: Double

        public init(maxDays: Int?, factor: Double) {
            self.maxDays = maxDays
            self.factor = factor
        }
    }

    /// A range of the arrears-to-credit ratio (the case's overdue amount over what the bank lent
    /// the customer in that currency) and the factor on every chance of paying within it. Banks
    /// lend in proportion to income, so the ratio stands in for income: the same arrears weigh
    /// less on a customer who could borrow more.
    public struct BurdenBand: Sendable, Equatable {
        /// The band's highest ratio; `nil` for the last, open-ended band.
        public var maxRatio: Double?
        public var factor: Double

        public init(maxRatio: Double?, factor: Double) {
            self.maxRatio = maxRatio
            self.factor = factor
        }
    }

    /// How a customer's broken promises change what they do next: each broken promise (up to
    /// `counted` of them, in the last 90 days) multiplies the chances of paying and promising by
    /// `responseFactor`, and the chance that the next promise is kept in full by `keepFactor`.
    public struct BrokenPromises: Sendable, Equatable {
        public var responseFactor: Double
        public var keepFactor: Double
        public var counted: Int

        public init(responseFactor: Double, keepFactor: Double, counted: Int) {
            self.responseFactor = responseFactor
            self.keepFactor = keepFactor
            self.counted = counted
        }

        /// Broken promises change nothing.
        public static let none = BrokenPromises(responseFactor: 1, keepFactor: 1, counted: 0)
    }

    /// The version written in the file, to tell simulation runs apart.
    public var version: String
    public var channels: [Channel: ChannelResponse]
    public var segments: [Segment: SegmentBehaviour]
    /// In order of `maxDays`; the last is open-ended.
    public var dpdBands: [DPDBand]
    /// Where a debt counts as large, in major units of the case's currency.
    public var largeDebtFrom: MajorAmount
    /// Basis points of the case's overdue amount that a part payment pays.
    public var partPaymentShare: ClosedRange<Int>
    /// Basis points of the case's overdue amount that a promise is for.
    public var promiseShare: ClosedRange<Int>
    /// Calendar days from the promise to its due date.
    public var promiseDays: ClosedRange<Int>
    /// Basis points of the promised amount that a partly kept promise pays.
    public var partlyKeptShare: ClosedRange<Int>
    /// The chance that an account that is up to date pays its next due on time.
    public var payOnTime: [CreditRating: Double]
    /// Multiplies a customer's chances of paying and promising (and of self-cure) by credit
    /// rating: within a segment, a worse rating still repays less. 1 for every rating by default.
    public var ratingFactor: [CreditRating: Double]
    /// In increasing order of `maxRatio`; the last is open-ended. One band of factor 1 by default.
    public var burdenBands: [BurdenBand]
    public var brokenPromises: BrokenPromises
    /// Who each channel moves most (`ChannelEffects`); a channel left out moves everyone alike.
    /// Empty by default.
    public var channelEffects: [Channel: ChannelEffects]

    public init(
        version: String, channels: [Channel: ChannelResponse], segments: [Segment: SegmentBehaviour], dpdBands: [DPDBand],
        largeDebtFrom: MajorAmount, partPaymentShare: ClosedRange<Int>, promiseShare: ClosedRange<Int>,
        promiseDays: ClosedRange<Int>, partlyKeptShare: ClosedRange<Int>, payOnTime: [CreditRating: Double],
        ratingFactor: [CreditRating: Double] = Dictionary(uniqueKeysWithValues: CreditRating.allCases.map { ($0, 1.0) }),
        burdenBands: [BurdenBand] = [BurdenBand(maxRatio: nil, factor: 1)], brokenPromises: BrokenPromises = .none,
        channelEffects: [Channel: ChannelEffects] = [:]
    ) {
        precondition(Set(channels.keys) == Set(Channel.allCases), "a behaviour model covers every channel")
        precondition(Set(segments.keys) == Set(Segment.allCases), "a behaviour model covers every segment")
        precondition(Set(payOnTime.keys) == Set(CreditRating.allCases), "a behaviour model covers every credit rating")
        precondition(dpdBands.last?.maxDays == nil, "the last DPD band is open-ended")
        precondition(Set(ratingFactor.keys) == Set(CreditRating.allCases), "a behaviour model has a factor for every credit rating")
        precondition(burdenBands.last.map { $0.maxRatio == nil } == true, "the last burden band is open-ended")
        self.version = version
        self.channels = channels
        self.segments = segments
        self.dpdBands = dpdBands
        self.largeDebtFrom = largeDebtFrom
        self.partPaymentShare = partPaymentShare
        self.promiseShare = promiseShare
        self.promiseDays = promiseDays
        self.partlyKeptShare = partlyKeptShare
        self.payOnTime = payOnTime
        self.ratingFactor = ratingFactor
        self.burdenBands = burdenBands
        self.brokenPromises = brokenPromises
        self.channelEffects = channelEffects
    }

    /// The factor of the burden band `ratio` falls in; 1 when the ratio is not known (`nil`).
    public func burdenFactor(_ ratio: Double?) -> Double {
        guard let ratio, ratio.isFinite else { return 1 }
        return burdenBands.first { band in band.maxRatio.map { ratio <= $0 } ?? true }?.factor ?? 1
    }

    /// The factor `brokenPromises.responseFactor` or `keepFactor` raised to the number of broken
    /// promises counted.
    func brokenPromiseFactor(_ factor: Double, broken: Int) -> Double {
        pow(factor, Double(min(max(0, broken), brokenPromises.counted)))
    }

    /// The factor of the band `daysPastDue` falls in.
    public func dpdFactor(_ daysPastDue: Int) -> Double {
        dpdBands.first { band in band.maxDays.map { daysPastDue <= $0 } ?? true }!.factor
    }

    /// Whether an account of a customer with `rating` that is up to date pays its next due on time.
    public func paysOnTime(rating: CreditRating, random: inout ResponseRandom) -> Bool {
        random.chance(payOnTime[rating]!)
    }
}
