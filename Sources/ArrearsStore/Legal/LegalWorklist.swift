import ArrearsCore
import SQLKit

/// What a legal officer works from each day (issue 25, "legal worklist"): the daily run's open
/// legal-review tasks, the amounts owed on each legal case's collection case, the latest pay-by
/// date its demand letters gave, and the letters waiting to be printed.
public enum LegalWorklist {
    /// An open task on the `legal_review` channel (`WorkQueue.openTask`): the run referred the
    /// case to legal; `legalCaseId` is its legal case when one is open already.
    public struct ReviewTask: Sendable, Equatable {
        public let taskId: String
        public let caseId: String
        public let customerName: String
        public let dpd: Int
        public let overdueMinor: Int64
        public let currency: String
        public let assignedTo: String
        public let businessDate: String
        public let legalCaseId: String?
    }

    /// What a customer owes on a collection case's accounts (its currency), in the last positions.
    public struct Owed: Sendable, Equatable {
        public let overdueMinor: Int64
        public let outstandingMinor: Int64
        public let currency: String
    }

    /// The collection letters of one business date still queued for `arrears letters print`.
    public struct QueuedLetters: Sendable, Equatable {
        public let businessDate: String
        public let count: Int
    }

    /// A demand letter of a legal case, to print from its page.
    public struct DemandLetter: Sendable, Equatable {
        public let legalCaseId: String
        public let documentId: String
        public let name: String
        public let createdAt: String
        public let payBy: String?
    }

    /// Up to `limit` open legal-review tasks, the most days past due first.
    public static func reviewTasks(limit: Int, on database: any SQLDatabase) async throws -> [ReviewTask] {
        try await database.raw("""
            SELECT a.id, a.case_id, a.assigned_to, a.business_date, c.dpd, c.overdue_minor, c.currency, cu.name,
                (SELECT MIN(l.id) FROM legal_cases l WHERE l.case_id = a.case_id AND l.stage <> 'closed') AS legal_case_id
            FROM actions a JOIN cases c ON c.id = a.case_id JOIN customers cu ON cu.id = a.customer_id
            WHERE a.channel = 'legal_review' AND \(unsafeRaw: WorkQueue.openTask)
            ORDER BY c.dpd DESC, a.id LIMIT \(bind: limit)
            """).all().map { row in
            ReviewTask(taskId: try row.decode(column: "id", as: String.self), caseId: try row.decode(column: "case_id", as: String.self),
                       customerName: try row.decode(column: "name", as: String.self), dpd: try row.decode(column: "dpd", as: Int.self),
                       overdueMinor: try row.decode(column: "overdue_minor", as: Int64.self), currency: try row.decode(column: "currency", as: String.self),
                       assignedTo: try row.decode(column: "assigned_to", as: String.self),
                       businessDate: try row.decode(column: "business_date", as: String.self),
                       legalCaseId: try row.decode(column: "legal_case_id", as: String?.self))
        }
    }

    /// What is owed on each collection case of `caseIds`, by case id: the sums of its customer's
    /// accounts in the case's currency, not written off.
    public static func owed(caseIds: [String], on database: any SQLDatabase) async throws -> [String: Owed] {
        guard !caseIds.isEmpty else { return [:] }
        var owed: [String: Owed] = [:]
        for row in try await database.raw("""
            SELECT k.id, k.currency, CAST(COALESCE(SUM(p.overdue_minor), 0) AS BIGINT) AS overdue, CAST(COALESCE(SUM(p.outstanding_minor), 0) AS BIGINT) AS outstanding
            FROM cases k LEFT JOIN accounts a ON a.customer_id = k.customer_id AND a.currency = k.currency AND a.written_off_on IS NULL
                LEFT JOIN account_positions p ON p.account_id = a.id
            WHERE k.id IN (\(binds: Array(Set(caseIds))))
            GROUP BY k.id, k.currency
            """).all() {
            owed[try row.decode(column: "id", as: String.self)] = Owed(
                overdueMinor: try row.decode(column: "overdue", as: Int64.self), outstandingMinor: try row.decode(column: "outstanding", as: Int64.self),
                currency: try row.decode(column: "currency", as: String.self))
        }
        return owed
    }

    /// The latest pay-by date a demand letter gave, by legal case id (cases without one absent).
    public static func latestPayBy(legalCaseIds: [String], on database: any SQLDatabase) async throws -> [String: LocalDate] {
        guard !legalCaseIds.isEmpty else { return [:] }
        var dates: [String: LocalDate] = [:]
        for row in try await database.raw("""
            SELECT legal_case_id, MAX(pay_by) AS pay_by FROM legal_documents
            WHERE legal_case_id IN (\(binds: Array(Set(legalCaseIds)))) AND pay_by IS NOT NULL GROUP BY legal_case_id
            """).all() {
            if let date = try row.decode(column: "pay_by", as: String?.self).flatMap(LocalDate.init(iso:)) {
                dates[try row.decode(column: "legal_case_id", as: String.self)] = date
            }
        }
        return dates
    }

    /// The collection letters still queued, by business date, the oldest first.
    public static func queuedLetters(on database: any SQLDatabase) async throws -> [QueuedLetters] {
        try await database.raw("""
            SELECT business_date, COUNT(*) AS n FROM letters WHERE status = 'queued' GROUP BY business_date ORDER BY business_date
            """).all().map { QueuedLetters(businessDate: try $0.decode(column: "business_date", as: String.self), count: try $0.decode(column: "n", as: Int.self)) }
    }

    /// The demand letters written at or after `since` (UTC text), the newest first, at most `limit`.
    public static func demandLetters(since: String, limit: Int, on database: any SQLDatabase) async throws -> [DemandLetter] {
        try await database.raw("""
            SELECT id, legal_case_id, name, created_at, pay_by FROM legal_documents
            WHERE kind = 'demand_letter' AND created_at >= \(bind: since) ORDER BY created_at DESC, id LIMIT \(bind: limit)
            """).all().map { row in
            DemandLetter(legalCaseId: try row.decode(column: "legal_case_id", as: String.self), documentId: try row.decode(column: "id", as: String.self),
                         name: try row.decode(column: "name", as: String.self), createdAt: try row.decode(column: "created_at", as: String.self),
                         payBy: try row.decode(column: "pay_by", as: String?.self))
        }
    }
}
