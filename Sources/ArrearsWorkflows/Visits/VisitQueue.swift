import ArrearsCore
import ArrearsStore
import SQLKit

/// The cases a supervisor dispatches visits on (issue 25: visits are dispatched from the queue of
/// visit tasks by choosing a team from a list): open cases with a visit task the daily run made
/// and no open visit, and any open case looked up by its id.
extension VisitBook {
    /// A case a visit may be dispatched on, with what the dispatch form needs: the customer's
    /// region (the teams offered cover it) and time zone (the window is typed in it).
    public struct Candidate: Sendable, Equatable {
        /// The visit task the daily run made, nil for a case looked up by its id.
        public let taskId: String?
        public let caseId: String
        public let customerName: String
        public let region: String?
        public let timeZone: String
    }

    /// The open visit tasks of open cases without an open visit, highest priority first, one per
    /// case (its latest), at most `limit`.
    public func awaitingDispatch(limit: Int = 50) async throws -> [Candidate] {
        let rows = try await store.sql.raw("""
            SELECT a.id, a.case_id, cu.name, cu.region, cu.time_zone
            FROM actions a JOIN cases c ON c.id = a.case_id JOIN customers cu ON cu.id = c.customer_id
            WHERE a.channel = 'visit' AND a.status = 'created' AND c.status = 'open'
                AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.case_id = a.case_id AND v.status IN ('dispatched', 'confirmed'))
            ORDER BY a.business_date DESC, a.priority DESC, a.id
            LIMIT \(bind: limit * 4)
            """).all()
        var seen = Set<String>()
        var candidates: [Candidate] = []
        for row in rows where candidates.count < limit {
            let candidate = try Self.candidate(row, taskId: try row.decode(column: "id", as: String.self))
            if seen.insert(candidate.caseId).inserted { candidates.append(candidate) }
        }
        return candidates
    }

    /// The open case `caseId` as a candidate, nil when there is no such open case.
    public func candidate(caseId: String) async throws -> Candidate? {
        try await store.sql.raw("""
            SELECT c.id AS case_id, cu.name, cu.region, cu.time_zone FROM cases c JOIN customers cu ON cu.id = c.customer_id
            WHERE c.id = \(bind: caseId) AND c.status = 'open'
            """).first().map { try Self.candidate($0, taskId: nil) }
    }

    private static func candidate(_ row: any SQLRow, taskId: String?) throws -> Candidate {
        Candidate(taskId: taskId, caseId: try row.decode(column: "case_id", as: String.self), customerName: try row.decode(column: "name", as: String.self),
                  region: try row.decode(column: "region", as: String?.self), timeZone: try row.decode(column: "time_zone", as: String?.self) ?? "UTC")
    }
}
