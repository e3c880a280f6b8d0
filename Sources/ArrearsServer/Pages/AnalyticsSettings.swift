import ArrearsCore

/// What the analytics pages need beyond the database: the unit costs per channel
/// (`config/costs.yaml`), who is in which team (`config/teams.yaml`), the strategy's champion
/// cell, against which the challengers are tested, and how they are compared (the strategy's
/// `comparison`).
public struct AnalyticsSettings: Sendable {
    public var costs: ChannelCosts
    public var agents: [Agent]
    public var champion: String
    public var comparison: ComparisonPlan

    public init(costs: ChannelCosts = ChannelCosts(currency: .cny, unitMinor: [:]), agents: [Agent] = [], champion: String = "champion",
                comparison: ComparisonPlan = .standard) {
        self.costs = costs
        self.agents = agents
        self.champion = champion
        self.comparison = comparison
    }
}
