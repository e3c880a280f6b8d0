import ArrearsCore
import ArrearsStore
import SQLKit

/// Moves an open task to another agent: the case leaves the first agent's queue and enters the
/// other's at once. Audited (`task.reassign`, with both agents) in the caller's transaction.
public enum TaskReassignment {
    /// Assigns open task `taskId` to `agentId`, an agent of `configured` (`config/teams.yaml`) or
    /// an active user's agent id (`AgentDirectory`) who works the task's channel. Refused when the
    /// task is not open, the agent is unknown or works other channels, or already has the task.
    public static func reassign(taskId: String, to agentId: String, configured: [Agent], by actor: String,
                                on database: any SQLDatabase) async throws {
        guard let row = try await database.raw("""
            SELECT a.assigned_to, a.case_id, a.channel FROM actions a JOIN cases c ON c.id = a.case_id
            WHERE a.id = \(bind: taskId) AND \(unsafeRaw: WorkQueue.openTask)
            """).first() else {
            throw ReassignmentError.notFound(field: "id", message: "there is no such open task")
        }
        guard let channels = try await AgentDirectory.channels(of: agentId, configured: configured, on: database) else {
            throw ReassignmentError.invalid(field: "agent_id", message: "agent_id \(agentId) is not an agent of the team")
        }
        let channel = try row.decode(column: "channel", as: String.self)
        guard channels.contains(where: { $0.rawValue == channel }) else {
            throw ReassignmentError.invalid(field: "agent_id", message: "agent_id \(agentId) does not work \(channel) tasks")
        }
        let from = try row.decode(column: "assigned_to", as: String.self)
        guard from != agentId else { throw ReassignmentError.invalid(field: "agent_id", message: "the task is already assigned to \(agentId)") }
        try await database.raw("UPDATE actions SET assigned_to = \(bind: agentId) WHERE id = \(bind: taskId)").run()
        try await AuditLog.append([AuditEvent(actor: actor, action: "task.reassign", subject: taskId, details: [
            "case_id": try row.decode(column: "case_id", as: String.self), "from": from, "to": agentId,
        ])], on: database)
    }
}
