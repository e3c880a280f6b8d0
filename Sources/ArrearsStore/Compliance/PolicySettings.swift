import ArrearsCore

/// The bank's choice of policy pack, as tightened in `config/policy.yaml`, and when the daily
/// run's contacts happen in each customer's day; with what each contact outcome does
/// (`config/outcomes.yaml`).
public struct PolicySettings: Sendable {
    public let pack: PolicyPack
    /// Minutes after local midnight at which the daily run's messages go out and its tasks start.
    public let dailyRunContactMinute: Int
    /// The consequences of each contact outcome.
    public let outcomes: OutcomeRules

    public init(pack: PolicyPack, dailyRunContactMinute: Int = 600, outcomes: OutcomeRules = .none) {
        self.pack = pack
        self.dailyRunContactMinute = dailyRunContactMinute
        self.outcomes = outcomes
    }
}
