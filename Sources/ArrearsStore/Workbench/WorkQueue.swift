import ArrearsCore
import Foundation
import SQLKit

/// A person's queue of work: the open tasks assigned to their agent id, highest priority first
/// (ties by task id, so the order is total and stable between pages).
///
/// A task is open while it is the latest action of an open case, was created (not held or
/// blocked) and is assigned to the agent: the next daily run's action for the case replaces it,
/// once that day is published (a day run in partitions is not, until its final step).
public enum WorkQueue {
    /// The condition on an action `a` of a case `c` that makes it an open task (see above).
    public static let openTask = openTask(action: "a", case: "c")

    /// The condition on action `action` of case `case` that makes it an open task: the one
    /// definition the queue, the supervisor's workload and the work scope (`WorkScope`) share.
    static func openTask(action a: String, case c: String) -> String {
        """
        \(a).status = 'created' AND \(a).assigned_to IS NOT NULL AND \(c).status = 'open'
        AND NOT EXISTS (SELECT 1 FROM actions later WHERE later.case_id = \(a).case_id AND later.business_date > \(a).business_date
            AND NOT \(DayPartitions.unpublished("later.business_date")))
        """
    }

    /// A place in the queue's order: the tasks after it come next.
    public struct Position: Sendable, Equatable {
        public let priority: Int64
        public let taskId: String

        public init(priority: Int64, taskId: String) {
            self.priority = priority
            self.taskId = taskId
        }
    }

    /// Up to `limit` of `agentId`'s open tasks after `after` (from the start when nil), each
    /// with the policy pack's verdict on contacting the customer at `now` when `policy` is given.
    public static func page(agentId: String, after: Position?, limit: Int, now: Date = Date(), policy: PolicySettings?,
                            on database: any SQLDatabase) async throws -> [QueueTask] {
        var query: SQLQueryString = """
            SELECT a.id, a.case_id, a.customer_id, a.business_date, a.treatment, a.channel, a.priority,
                c.dpd, c.bucket, c.overdue_minor, c.currency, cu.name
            FROM actions a JOIN cases c ON c.id = a.case_id JOIN customers cu ON cu.id = a.customer_id
            WHERE a.assigned_to = \(bind: agentId) AND \(unsafeRaw: openTask)
            """
        if let after {
            query.appendLiteral(" AND (a.priority < ")
            query.appendInterpolation(bind: after.priority)
            query.appendLiteral(" OR (a.priority = ")
            query.appendInterpolation(bind: after.priority)
            query.appendLiteral(" AND a.id > ")
            query.appendInterpolation(bind: after.taskId)
            query.appendLiteral("))")
        }
        query.appendLiteral(" ORDER BY a.priority DESC, a.id LIMIT ")
        query.appendInterpolation(bind: limit)
        let rows = try await database.raw(query).all()
        // The page's verdicts in one go: two statements for all its customers, not two each.
        var verdicts: [Int: ContactVerdict] = [:]
        if let policy {
            var requests: [(index: Int, customerId: String, request: ContactRequest)] = []
            for (index, row) in rows.enumerated() {
                guard let channel = ContactChannel(rawValue: try row.decode(column: "channel", as: String.self)) else { continue }
                requests.append((index, try row.decode(column: "customer_id", as: String.self), ContactRequest(channel: channel, at: now)))
            }
            let standings = try await ContactRecords.standings(of: requests.map(\.customerId), at: now, lookbackDays: policy.pack.lookbackDays, on: database)
            let decisions = policy.pack.check(requests.map { ($0.customerId, $0.request) }, standings: standings)
            for (request, decision) in zip(requests, decisions) { verdicts[request.index] = ContactVerdict(decision) }
        }
        var tasks: [QueueTask] = []
        for (index, row) in rows.enumerated() {
            let customerId = try row.decode(column: "customer_id", as: String.self)
            let channel = try row.decode(column: "channel", as: String.self)
            let verdict = verdicts[index]
            tasks.append(QueueTask(id: try row.decode(column: "id", as: String.self), caseId: try row.decode(column: "case_id", as: String.self),
                                   customerId: customerId, customerName: try row.decode(column: "name", as: String.self),
                                   businessDate: try row.decode(column: "business_date", as: String.self),
                                   treatment: try row.decode(column: "treatment", as: String.self), channel: channel,
                                   priority: try row.decode(column: "priority", as: Int64.self), dpd: try row.decode(column: "dpd", as: Int.self),
                                   bucket: try row.decode(column: "bucket", as: String.self),
                                   overdueMinor: try row.decode(column: "overdue_minor", as: Int64.self),
                                   currency: try row.decode(column: "currency", as: String.self), contactNow: verdict))
        }
        return tasks
    }

    /// The case of the task that follows `caseId`'s open task in `agentId`'s queue: "next case".
    /// From the top of the queue when `caseId` has no open task of the agent's; nil when nothing
    /// else is waiting.
    public static func nextCase(after caseId: String, agentId: String, on database: any SQLDatabase) async throws -> String? {
        let current = try await openTaskPosition(caseId: caseId, agentId: agentId, on: database)
        let following = try await page(agentId: agentId, after: current, limit: 2, policy: nil, on: database)
        return following.first { $0.caseId != caseId }?.caseId
    }

    /// Where `agentId`'s open task on `caseId` sits in the queue, if there is one.
    private static func openTaskPosition(caseId: String, agentId: String, on database: any SQLDatabase) async throws -> Position? {
        guard let row = try await database.raw("""
            SELECT a.id, a.priority FROM actions a JOIN cases c ON c.id = a.case_id
            WHERE a.case_id = \(bind: caseId) AND a.assigned_to = \(bind: agentId) AND \(unsafeRaw: openTask)
            """).first() else { return nil }
        return Position(priority: try row.decode(column: "priority", as: Int64.self), taskId: try row.decode(column: "id", as: String.self))
    }
}
