import ArrearsCore
import ArrearsStore
import SQLKit

/// Who a visit can be dispatched to (issue 24): a field team or agent that exists and covers the
/// customer's region.
///
/// - An agent of `config/teams.yaml` that works the `visit` channel, whose `regions` list the
///   customer's region (an agent without regions visits anywhere, as the file says).
/// - An active user of the field-agent role whose agent id is not in the file: nothing says where
///   they go, so, as an agent without regions, anywhere.
///
/// Anything else (an unknown id, a collector, a team of another region, a customer without a
/// region for a team with regions) is refused, naming `agent_id`, before anything is written.
public struct VisitTeams: Sendable {
    /// A team or agent as the dispatch list shows it.
    public struct Team: Sendable, Equatable {
        public let id: String
        public let name: String
    }

    public let configured: [Agent]

    public init(configured: [Agent]) {
        self.configured = configured
    }

    /// The teams and agents that make visits in `region`: the file's in its order, then the
    /// field-agent users' own ids in id order.
    public func covering(region: String?, on database: any SQLDatabase) async throws -> [Team] {
        try await covering(region: region) { try await SQLVisitRecords.fieldAgentIds(on: database) }
    }

    /// As `covering`, with the field-agent users' ids read by `fieldAgentIds`.
    public func covering(region: String?, fieldAgentIds: () async throws -> [String]) async throws -> [Team] {
        let teams = configured.filter { $0.channels.contains(.visit) && Self.covers($0, region) }.map { Team(id: $0.id, name: $0.name) }
        let known = Set(configured.map(\.id))
        let users = try await fieldAgentIds().filter { !known.contains($0) }.map { Team(id: $0, name: $0) }
        return teams + users
    }

    /// Refuses (`WorkbenchError.invalid` naming `agent_id`) unless `agentId` makes visits in `region`.
    public func check(_ agentId: String, region: String?, on database: any SQLDatabase) async throws {
        try await check(agentId, region: region) { try await SQLVisitRecords.fieldAgentIds(on: database) }
    }

    /// As `check`, with the field-agent users' ids read by `fieldAgentIds` when the file does not name `agentId`.
    public func check(_ agentId: String, region: String?, fieldAgentIds: () async throws -> [String]) async throws {
        if let agent = configured.first(where: { $0.id == agentId }) {
            guard agent.channels.contains(.visit) else {
                throw WorkbenchError.invalid(field: "agent_id", message: "agent_id \(agentId) does not make field visits")
            }
            guard Self.covers(agent, region) else {
                let covered = agent.regions.sorted().joined(separator: ", ")
                throw WorkbenchError.invalid(field: "agent_id", message: "agent_id \(agentId) covers \(covered), not the customer's region \(region ?? "(none)")")
            }
            return
        }
        guard try await fieldAgentIds().contains(agentId) else {
            throw WorkbenchError.invalid(field: "agent_id", message: "agent_id \(agentId) is not a field team or agent")
        }
    }

    static func covers(_ agent: Agent, _ region: String?) -> Bool {
        agent.regions.isEmpty || region.map(agent.regions.contains) == true
    }
}
