import ArrearsCore
import SQLKit

/// The team as a supervisor sees it: every agent, with how many open tasks each has, and the open
/// tasks themselves, highest priority first, to move from one agent to another.
///
/// An agent is anyone in `config/teams.yaml`, any active user with an agent id, or anyone an open
/// task is assigned to (a task can outlive its agent's account).
public enum TeamWorkload {
    /// One agent and their open tasks.
    public struct AgentLoad: Sendable, Equatable, Encodable {
        public let agentId: String
        public let name: String
        public let openTasks: Int
        /// The channels the agent works (`AgentDirectory`): a task is offered only to agents of its channel.
        public let channels: Set<Channel>
    }

    /// An open task with the agent it is assigned to.
    public struct OpenTask: Sendable, Equatable, Encodable {
        public let id: String
        public let caseId: String
        public let customerName: String
        public let assignedTo: String
        public let dpd: Int
        public let channel: Channel
    }

    /// Every agent by id, with their open tasks counted; names and channels from `configured`,
    /// else the user's name and the channel of their role (`AgentDirectory`).
    public static func agents(configured: [Agent], on database: any SQLDatabase) async throws -> [AgentLoad] {
        var names = Dictionary(configured.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var channels = Dictionary(configured.map { ($0.id, $0.channels) }, uniquingKeysWith: { first, _ in first })
        for row in try await database.raw("SELECT agent_id, display_name, role FROM users WHERE active = \(bind: true) AND agent_id IS NOT NULL").all() {
            let id = try row.decode(column: "agent_id", as: String.self)
            if names[id] == nil { names[id] = try row.decode(column: "display_name", as: String.self) }
            if configured.contains(where: { $0.id == id }) { continue }
            if let channel = Role(rawValue: try row.decode(column: "role", as: String.self)).flatMap(AgentDirectory.channel(of:)) {
                channels[id, default: []].insert(channel)
            }
        }
        var counts: [String: Int] = [:]
        for row in try await database.raw("""
            SELECT a.assigned_to, COUNT(*) AS n FROM actions a JOIN cases c ON c.id = a.case_id WHERE \(unsafeRaw: WorkQueue.openTask) GROUP BY a.assigned_to
            """).all() {
            counts[try row.decode(column: "assigned_to", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return Set(names.keys).union(counts.keys).sorted().map { AgentLoad(agentId: $0, name: names[$0] ?? $0, openTasks: counts[$0] ?? 0, channels: channels[$0] ?? []) }
    }

    /// Up to `limit` open tasks, highest priority first; only `agentId`'s when given, only of
    /// `channel` when given.
    public static func openTasks(limit: Int, agentId: String? = nil, channel: Channel? = nil, on database: any SQLDatabase) async throws -> [OpenTask] {
        var filter: SQLQueryString = ""
        if let agentId { filter += " AND a.assigned_to = \(bind: agentId)" }
        if let channel { filter += " AND a.channel = \(bind: channel.rawValue)" }
        return try await database.raw("""
            SELECT a.id, a.case_id, a.assigned_to, a.channel, c.dpd, cu.name
            FROM actions a JOIN cases c ON c.id = a.case_id JOIN customers cu ON cu.id = a.customer_id
            WHERE \(unsafeRaw: WorkQueue.openTask)\(filter) ORDER BY a.priority DESC, a.id LIMIT \(bind: limit)
            """).all().compactMap { row in
            guard let channel = Channel(rawValue: try row.decode(column: "channel", as: String.self)) else { return nil }
            return OpenTask(id: try row.decode(column: "id", as: String.self), caseId: try row.decode(column: "case_id", as: String.self),
                            customerName: try row.decode(column: "name", as: String.self), assignedTo: try row.decode(column: "assigned_to", as: String.self),
                            dpd: try row.decode(column: "dpd", as: Int.self), channel: channel)
        }
    }
}
