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
        try await reassign(taskId: taskId, to: agentId, configured: configured, by: actor, records: SQLTaskAssignments(database: database))
    }

    /// `reassign` on `records`.
    public static func reassign(taskId: String, to agentId: String, configured: [Agent], by actor: String,
                                records: any TaskAssignmentRecords) async throws {
        guard let task = try await records.openTask(taskId) else {
            throw ReassignmentError.notFound(field: "id", message: "there is no such open task")
        }
        guard let channels = try await records.channels(of: agentId, configured: configured) else {
            throw ReassignmentError.invalid(field: "agent_id", message: "agent_id \(agentId) is not an agent of the team")
        }
        guard channels.contains(where: { $0.rawValue == task.channel }) else {
            throw ReassignmentError.invalid(field: "agent_id", message: "agent_id \(agentId) does not work \(task.channel) tasks")
        }
        guard task.assignedTo != agentId else { throw ReassignmentError.invalid(field: "agent_id", message: "the task is already assigned to \(agentId)") }
        try await records.assign(taskId, to: agentId)
        try await records.audit([AuditEvent(actor: actor, action: "task.reassign", subject: taskId, details: [
            "case_id": task.caseId, "from": task.assignedTo, "to": agentId,
        ])])
    }
}
