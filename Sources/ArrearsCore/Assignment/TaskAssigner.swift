/// A task waiting for a person: a call, a visit, a letter or a legal review.
public struct TaskToAssign: Sendable, Equatable {
    public let id: String
    public let channel: Channel
    public let language: Language
    public let region: String?
    public let priority: Int64

    public init(id: String, channel: Channel, language: Language, region: String?, priority: Int64) {
        self.id = id
        self.channel = channel
        self.language = language
        self.region = region
        self.priority = priority
    }
}

/// Hands tasks to agents by skill, language, region and daily capacity, highest priority first.
///
/// Each task goes to the eligible agent with the fewest tasks so far today (ties by agent id),
/// so work spreads evenly; a task no eligible agent has room for stays unassigned, waiting in
/// its queue. Deterministic: the same tasks and agents give the same assignment.
public enum TaskAssigner {
    /// - Parameter alreadyToday: tasks each agent already holds today (from an earlier run).
    /// - Returns: task id → agent id, for the tasks that found an agent.
    public static func assign(_ tasks: [TaskToAssign], to agents: [Agent], alreadyToday: [String: Int] = [:]) -> [String: String] {
        var load = alreadyToday
        var result: [String: String] = [:]
        let ordered = tasks.sorted { ($0.priority, $1.id) > ($1.priority, $0.id) }
        var agentsByChannel: [Channel: [Agent]] = [:]
        for agent in agents.sorted(by: { $0.id < $1.id }) {
            for channel in agent.channels { agentsByChannel[channel, default: []].append(agent) }
        }
        for task in ordered {
            var best: Agent?
            var bestLoad = Int.max
            for agent in agentsByChannel[task.channel] ?? [] where agent.canTake(task) {
                let current = load[agent.id, default: 0]
                guard current < agent.dailyCapacity else { continue }
                if current < bestLoad || (current == bestLoad && agent.id < best!.id) {
                    best = agent
                    bestLoad = current
                }
            }
            if let best {
                result[task.id] = best.id
                load[best.id, default: 0] += 1
            }
        }
        return result
    }
}
