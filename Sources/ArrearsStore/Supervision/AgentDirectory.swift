import ArrearsCore
import SQLKit

/// Who work can be given to (issue 22: an id that names a person or a team must exist and fit the
/// work): an agent of `config/teams.yaml`, with the channels it works, or an active user with an
/// agent id, who works the channel of their role (a collector calls, a field agent visits, a
/// legal officer reviews).
public enum AgentDirectory {
    /// The channels `agentId` works; nil when no agent or active user has that id.
    public static func channels(of agentId: String, configured: [Agent], on database: any SQLDatabase) async throws -> Set<Channel>? {
        if let agent = configured.first(where: { $0.id == agentId }) { return agent.channels }
        let roles = try await database.raw("SELECT role FROM users WHERE active = \(bind: true) AND agent_id = \(bind: agentId)").all()
            .map { try $0.decode(column: "role", as: String.self) }
        guard !roles.isEmpty else { return nil }
        return Set(roles.compactMap { Role(rawValue: $0).flatMap(channel(of:)) })
    }

    /// The channel a user of `role` works; nil for roles that work no tasks.
    static func channel(of role: Role) -> Channel? {
        switch role {
        case .collector: .call
        case .fieldAgent: .visit
        case .legal: .legalReview
        case .supervisor, .strategyManager, .compliance, .admin, .gateway: nil
        }
    }
}
