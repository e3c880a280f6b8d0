import ArrearsCore
import Foundation
import SQLKit

/// The tasks contact outcomes open (`config/outcomes.yaml`): a dispute's review in the compliance
/// queue, an income-and-expenditure assessment, an estate review. At most one open task of a kind
/// per customer: the same outcome heard twice opens it once.
public enum OutcomeTasks {
    /// One task as its queue lists it.
    public struct Task: Sendable, Equatable {
        public let id: String
        public let customerId: String
        public let attemptId: String
        public let queue: String
        public let kind: String
        public let title: String
        public let openedAt: String
        public let openedBy: String
        public let closedAt: String?
    }

    /// Opens `task` for the customer, from the attempt `attemptId`; returns its id, or nil when
    /// one of its kind is already open for the customer. Audited `outcome_task_opened`.
    @discardableResult
    public static func open(_ task: OutcomeRules.FollowUp, customerId: String, attemptId: String, by actor: String, at now: Date = Date(),
                            on database: any SQLDatabase) async throws -> String? {
        let open = try await database.raw("""
            SELECT id FROM outcome_tasks WHERE customer_id = \(bind: customerId) AND kind = \(bind: task.kind) AND closed_at IS NULL
            """).first()
        guard open == nil else { return nil }
        let id = "OTASK-" + UUID().uuidString.lowercased()
        try await database.raw("""
            INSERT INTO outcome_tasks (id, customer_id, attempt_id, queue, kind, title, opened_at, opened_by)
            VALUES (\(bind: id), \(bind: customerId), \(bind: attemptId), \(bind: task.queue), \(bind: task.kind), \(bind: task.title),
                    \(bind: ContactRecords.timestamp(now)), \(bind: actor))
            """).run()
        try await AuditLog.append([AuditEvent(actor: actor, action: "outcome_task_opened", subject: customerId, details: [
            "task_id": id, "attempt_id": attemptId, "queue": task.queue, "kind": task.kind,
        ])], at: now, on: database)
        return id
    }

    /// The open tasks of `queue` (of every queue when nil), and of one customer when given,
    /// oldest first.
    public static func open(queue: String?, customerId: String? = nil, on database: any SQLDatabase) async throws -> [Task] {
        var query: SQLQueryString = """
            SELECT id, customer_id, attempt_id, queue, kind, title, opened_at, opened_by, closed_at FROM outcome_tasks WHERE closed_at IS NULL
            """
        if let queue { query.appendInterpolation(" AND queue = \(bind: queue)" as SQLQueryString) }
        if let customerId { query.appendInterpolation(" AND customer_id = \(bind: customerId)" as SQLQueryString) }
        query.appendLiteral(" ORDER BY opened_at, id")
        return try await database.raw(query).all().map { row in
            Task(id: try row.decode(column: "id", as: String.self), customerId: try row.decode(column: "customer_id", as: String.self),
                 attemptId: try row.decode(column: "attempt_id", as: String.self), queue: try row.decode(column: "queue", as: String.self),
                 kind: try row.decode(column: "kind", as: String.self), title: try row.decode(column: "title", as: String.self),
                 openedAt: try row.decode(column: "opened_at", as: String.self), openedBy: try row.decode(column: "opened_by", as: String.self),
                 closedAt: try row.decode(column: "closed_at", as: String?.self))
        }
    }
}
