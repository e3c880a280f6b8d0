import ArrearsCore

/// What the analytics pages need beyond the database: the unit costs per channel
/// (`config/costs.yaml`), who is in which team (`config/teams.yaml`) and the strategy's
/// champion cell, against which the challengers are tested.
public struct AnalyticsSettings: Sendable {
    public var costs: ChannelCosts
    public var agents: [Agent]
    public var champion: String

    public init(costs: ChannelCosts = ChannelCosts(currency: .cny, unitMinor: [:]), agents: [Agent] = [], champion: String = "champion") {
        self.costs = costs
        self.agents = agents
        self.champion = champion
    }
}
