/// What a propensity model predicts for a delinquent account (issue 6, "Scoring").
public enum ScoringTarget: String, CaseIterable, Sendable, Codable {
    /// Pays at least a set share of the overdue amount within 30 days of entering collection.
    case pay30
    /// Moves to a worse bucket by the next month end.
    case roll

    /// How many days after an observation its outcome is known.
    public var horizonDays: Int {
        switch self {
        case .pay30: 30
        case .roll: 31
        }
    }

    /// The outcome a higher score stands for: paying for pay30, not rolling for roll.
    public var goodOutcome: GoodOutcome {
        switch self {
        case .pay30: .event
        case .roll: .nonEvent
        }
    }
}
