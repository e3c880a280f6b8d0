import ArrearsCore

/// The resources an optimised day is allocated within (issue 27, "Decide by it"): the teams that
/// work calls, visits and legal reviews, and the optional daily budgets of SMS and letters.
///
/// A team is the agents who take the same channel for the same languages and regions
/// (`config/teams.yaml`); its capacity is their daily capacities added up, times the share of
/// customers in optimised cells, so that an optimised cell works with the capacity its share of
/// the book would have and a champion beside it keeps the rest. A task channel no team can take
/// for a customer (a visit to a region no field team covers) is not a candidate for them.
struct CapacityPools {
    /// The channels that become tasks for people.
    static let taskChannels: [Channel] = [.call, .visit, .legalReview]

    private(set) var capacities: [Int] = []
    private(set) var names: [String] = []
    /// Each task team's channel and one of its agents, to ask who it can take.
    private var teams: [(channel: Channel, agent: Agent)] = []
    private var budgetPool: [Channel: Int] = [:]
    private var eligible: [Asked: [Int]] = [:]

    /// Who can take a task depends on its channel, the customer's language and region alone.
    private struct Asked: Hashable {
        let channel: Channel
        let language: Language
        let region: String?
    }

    /// - Parameters:
    ///   - basisPoints: the optimised cells' share of customers, 1 to 10,000.
    ///   - budgets: daily budgets of SMS and letters (`TeamsConfig.budgets`); a channel without one is not limited.
    init(agents: [Agent], budgets: [Channel: Int], basisPoints: Int) {
        func share(_ count: Int) -> Int { count * basisPoints / 10_000 }
        for channel in Self.taskChannels {
            var byKey: [String: (agent: Agent, capacity: Int)] = [:]
            var order: [String] = []
            for agent in agents.sorted(by: { $0.id < $1.id }) where agent.channels.contains(channel) {
                let key = agent.languages.map(\.rawValue).sorted().joined(separator: ",") + "|" + agent.regions.sorted().joined(separator: ",")
                if byKey[key] == nil { order.append(key); byKey[key] = (agent, 0) }
                byKey[key]?.capacity += agent.dailyCapacity
            }
            for key in order {
                guard let team = byKey[key] else { continue }
                teams.append((channel, team.agent))
                capacities.append(share(team.capacity))
                names.append("\(channel.rawValue) \(key)")
            }
        }
        for channel in [Channel.sms, .letter] {
            guard let budget = budgets[channel] else { continue }
            budgetPool[channel] = capacities.count
            capacities.append(share(budget))
            names.append("\(channel.rawValue) budget")
        }
    }

    /// The resources a treatment on `channel` for `customer` may use, any one of them: the teams
    /// that can take it (empty when none can: the channel is then not a candidate), the channel's
    /// budget, or nil when nothing limits the channel.
    mutating func resources(for channel: Channel, language: Language, region: String?) -> [Int]? {
        if let pool = budgetPool[channel] { return [pool] }
        guard Self.taskChannels.contains(channel) else { return nil }
        let key = Asked(channel: channel, language: language, region: region)
        if let known = eligible[key] { return known }
        let task = TaskToAssign(id: "", channel: channel, language: language, region: region, priority: 0)
        let found = teams.indices.filter { teams[$0].channel == channel && teams[$0].agent.canTake(task) }
        eligible[key] = found
        return found
    }

    /// Takes one unit of the roomiest of `resources` for a case whose channel was drawn at random
    /// (outside the allocation); a unit is taken even when all are empty, held at 0.
    mutating func takeOne(of resources: [Int]) {
        guard let roomiest = resources.max(by: { (capacities[$0], $1) < (capacities[$1], $0) }) else { return }
        capacities[roomiest] = max(capacities[roomiest] - 1, 0)
    }
}
