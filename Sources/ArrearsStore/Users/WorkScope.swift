/// Which customers and cases a user's queries may touch (issue 4: "authorisation on every route
/// and query"): collectors and field agents see the customers with work assigned to their agent
/// id (`actions.assigned_to`), the back office sees everything.
public enum WorkScope: Sendable, Equatable {
    case all
    case assignedTo(agentId: String)
}
