import ArrearsCore
import ArrearsStore

/// The cases a supervisor dispatches visits on (issue 25: visits are dispatched from the queue of
/// visit tasks by choosing a team from a list): open cases with a visit task the daily run made
/// and no open visit, and any open case looked up by its id.
extension VisitBook {
    /// A case a visit may be dispatched on, with the customer's region and time zone.
    public typealias Candidate = VisitCandidate

    /// The open visit tasks of open cases without an open visit (`VisitWorkflow.awaitingDispatch`).
    public func awaitingDispatch(limit: Int = 50) async throws -> [Candidate] { try await workflow.awaitingDispatch(limit: limit) }

    /// The open case `caseId` as a candidate, nil when there is no such open case.
    public func candidate(caseId: String) async throws -> Candidate? { try await workflow.candidate(caseId: caseId) }
}

extension VisitWorkflow {
    /// The open visit tasks of open cases without an open visit, the latest day's first, then
    /// the highest priority, one per case (its latest), at most `limit`.
    public func awaitingDispatch(limit: Int = 50) async throws -> [VisitCandidate] {
        guard limit > 0 else { return [] }
        // A case may have a task of several days: read a few per case asked for.
        let tasks = try await records.visitTasks(limit: limit > Int.max / 4 ? Int.max : limit * 4)
        var seen = Set<String>()
        var candidates: [VisitCandidate] = []
        for task in tasks where candidates.count < limit && seen.insert(task.caseId).inserted {
            candidates.append(task)
        }
        return candidates
    }

    /// The open case `caseId` as a candidate, nil when there is no such open case.
    public func candidate(caseId: String) async throws -> VisitCandidate? { try await records.openCase(caseId) }
}
