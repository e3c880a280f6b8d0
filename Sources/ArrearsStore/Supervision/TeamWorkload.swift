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
    }

    /// An open task with the agent it is assigned to.
    public struct OpenTask: Sendable, Equatable, Encodable {
        public let id: String
        public let caseId: String
        public let customerName: String
        public let assignedTo: String
        public let dpd: Int
    }

    /// Every agent by id, with their open tasks counted; names from `configured`, else the user's.
    public static func agents(configured: [Agent], on database: any SQLDatabase) async throws -> [AgentLoad] {
        var names = Dictionary(configured.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        for row in try await database.raw("SELECT agent_id, display_name FROM users WHERE active = \(bind: true) AND agent_id IS NOT NULL").all() {
            let id = try row.decode(column: "agent_id", as: String.self)
            if names[id] == nil { names[id] = try row.decode(column: "display_name", as: String.self) }
        }
        var counts: [String: Int] = [:]
        for row in try await database.raw("""
            SELECT a.assigned_to, COUNT(*) AS n FROM actions a JOIN cases c ON c.id = a.case_id WHERE \(unsafeRaw: WorkQueue.openTask) GROUP BY a.assigned_to
            """).all() {
            counts[try row.decode(column: "assigned_to", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return Set(names.keys).union(counts.keys).sorted().map { AgentLoad(agentId: $0, name: names[$0] ?? $0, openTasks: counts[$0] ?? 0) }
    }

    /// Up to `limit` open tasks, highest priority first.
    public static func openTasks(limit: Int, on database: any SQLDatabase) async throws -> [OpenTask] {
        try await database.raw("""
            SELECT a.id, a.case_id, a.assigned_to, c.dpd, cu.name
            FROM actions a JOIN cases c ON c.id = a.case_id JOIN customers cu ON cu.id = a.customer_id
            WHERE \(unsafeRaw: WorkQueue.openTask) ORDER BY a.priority DESC, a.id LIMIT \(bind: limit)
            """).all().map { row in
            OpenTask(id: try row.decode(column: "id", as: String.self), caseId: try row.decode(column: "case_id", as: String.self),
                     customerName: try row.decode(column: "name", as: String.self), assignedTo: try row.decode(column: "assigned_to", as: String.self),
                     dpd: try row.decode(column: "dpd", as: Int.self))
        }
    }
}
