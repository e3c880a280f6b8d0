import ArrearsCore
import ArrearsStore
import Foundation

/// Open tasks and the agents' channels kept in memory, with the audit events written.
final class InMemoryTaskAssignments: TaskAssignmentRecords, @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [String: OpenTaskAssignment]
    private let users: [String: Set<Channel>]
    private var events: [AuditEvent] = []

    /// `users`: agent ids of active users with the channels their roles work.
    init(tasks: [String: OpenTaskAssignment], users: [String: Set<Channel>] = [:]) {
        self.tasks = tasks
        self.users = users
    }

    var assignees: [String: String] { lock.withLock { tasks.mapValues(\.assignedTo) } }
    var audit: [AuditEvent] { lock.withLock { events } }

    func openTask(_ taskId: String) async throws -> OpenTaskAssignment? { lock.withLock { tasks[taskId] } }

    func channels(of agentId: String, configured: [Agent]) async throws -> Set<Channel>? {
        configured.first { $0.id == agentId }?.channels ?? users[agentId]
    }

    func assign(_ taskId: String, to agentId: String) async throws {
        lock.withLock {
            guard let task = tasks[taskId] else { return }
            tasks[taskId] = OpenTaskAssignment(caseId: task.caseId, channel: task.channel, assignedTo: agentId)
        }
    }

    func audit(_ events: [AuditEvent]) async throws { lock.withLock { self.events += events } }
}
