import ArrearsCore
import SQLKit

/// The rows a task's reassignment (`TaskReassignment`) reads and writes: `SQLTaskAssignments`
/// in the caller's transaction; a test may keep them in memory.
public protocol TaskAssignmentRecords: Sendable {
    /// Open task `taskId` (`WorkQueue.openTask`); nil when there is no such open task.
    func openTask(_ taskId: String) async throws -> OpenTaskAssignment?
    /// The channels `agentId` works (`AgentDirectory`); nil when no agent has that id.
    func channels(of agentId: String, configured: [Agent]) async throws -> Set<Channel>?
    /// Gives the task to `agentId`.
    func assign(_ taskId: String, to agentId: String) async throws
    /// Appends to the audit log beside the change.
    func audit(_ events: [AuditEvent]) async throws
}

/// An open task as its reassignment sees it: its case, channel and the agent who has it.
public struct OpenTaskAssignment: Sendable, Equatable {
    public let caseId: String
    public let channel: String
    public let assignedTo: String

    public init(caseId: String, channel: String, assignedTo: String) {
        self.caseId = caseId
        self.channel = channel
        self.assignedTo = assignedTo
    }
}

/// Task assignments in the database, on the caller's `database` (a transaction).
public struct SQLTaskAssignments: TaskAssignmentRecords {
    public let database: any SQLDatabase

    public init(database: any SQLDatabase) { self.database = database }

    public func openTask(_ taskId: String) async throws -> OpenTaskAssignment? {
        guard let row = try await database.raw("""
            SELECT a.assigned_to, a.case_id, a.channel FROM actions a JOIN cases c ON c.id = a.case_id
            WHERE a.id = \(bind: taskId) AND \(unsafeRaw: WorkQueue.openTask)
            """).first() else { return nil }
        return OpenTaskAssignment(caseId: try row.decode(column: "case_id", as: String.self), channel: try row.decode(column: "channel", as: String.self),
                                  assignedTo: try row.decode(column: "assigned_to", as: String.self))
    }

    public func channels(of agentId: String, configured: [Agent]) async throws -> Set<Channel>? {
        try await AgentDirectory.channels(of: agentId, configured: configured, on: database)
    }

    public func assign(_ taskId: String, to agentId: String) async throws {
        try await database.raw("UPDATE actions SET assigned_to = \(bind: agentId) WHERE id = \(bind: taskId)").run()
    }

    public func audit(_ events: [AuditEvent]) async throws {
        try await AuditLog.append(events, on: database)
    }
}
