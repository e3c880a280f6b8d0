import Foundation

/// The responses the daily run's optimised cells use while no response model is active: a rule
/// of thumb, written down so that a bank can see what it assumes, not a measurement.
///
/// `expected(channel) = overdue × (p₀ + (1 − p₀) × min(1, lift(channel) × segmentFactor))`
///
/// - `p₀`, the chance the customer pays the overdue amount within the horizon without contact:
///   from the case's pay30 score when a model is active (600 points at odds of 50:1, 20 points
///   more each time the odds double; the 30-day chance stretched to the horizon as
///   `1 − (1 − p₃₀)^(horizon / 30)`), else from the credit rating (`ratingChance`) times the
///   days-past-due factor (`dpdFactor`): a debt paid less the longer it has been overdue.
/// - `lift(channel)`, the chance that a contact through the channel turns a customer who would
///   not have paid into one who pays: `config/behaviour.yaml`'s demo figures, each channel's
///   right-party-contact chance times what a reached customer does (pays all, pays part at 40%,
///   promises and keeps 48% of promises at 75%).
/// - `segmentFactor`: prime customers respond 1.5 times as often, high-risk ones 0.4 times
///   (`behaviour.yaml`'s `response_factor`).
public struct BaselineRepaymentForecast: RepaymentForecast {
    public static let lift: [Channel: Double] = [.sms: 0.039, .email: 0.019, .letter: 0.047, .call: 0.108, .visit: 0.235, .legalReview: 0.0]
    public static let segmentFactor: [Segment: Double] = [.prime: 1.5, .standard: 1.0, .highRisk: 0.4]
    public static let ratingChance: [CreditRating: Double] = [.a: 0.45, .b: 0.35, .c: 0.25, .d: 0.15, .e: 0.08]

    public let name = "baseline"

    public init() {}

    /// The days-past-due factor: 1 up to 15 days, 0.8 to 30, 0.6 to 60, 0.45 to 90, 0.3 beyond.
    public static func dpdFactor(_ daysPastDue: Int) -> Double {
        switch daysPastDue {
        case ...15: 1.0
        case ...30: 0.8
        case ...60: 0.6
        case ...90: 0.45
        default: 0.3
        }
    }

    /// The chance of paying within `horizonDays` without contact.
    public static func chanceWithoutContact(_ facts: CaseFacts, horizonDays: Int) -> Double {
        let horizon = Double(max(horizonDays, 1))
        if let score = facts.score {
            let odds = 50 * pow(2, (Double(min(max(score, 0), 900)) - 600) / 20)
            let thirty = odds / (1 + odds)
            return 1 - pow(1 - thirty, horizon / 30)
        }
        let thirty = (ratingChance[facts.creditRating] ?? 0.1) * dpdFactor(facts.daysPastDue)
        return 1 - pow(1 - thirty, horizon / 30)
    }

    public func expectedRepayment(_ facts: CaseFacts, segment: Segment, channel: Channel?, horizonDays: Int) -> Int64 {
        let overdue = Double(max(facts.overdueMinor, 0))
        let unprompted = Self.chanceWithoutContact(facts, horizonDays: horizonDays)
        let lift = channel.map { min(1, (Self.lift[$0] ?? 0) * (Self.segmentFactor[segment] ?? 1)) } ?? 0
        let chance = unprompted + (1 - unprompted) * lift
        return Int64((overdue * chance).rounded())
    }
}
