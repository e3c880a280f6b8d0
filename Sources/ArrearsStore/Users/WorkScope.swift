import Foundation

/// Which customers and cases a user's queries may touch (issue 4: "authorisation on every route
/// and query"; issue 22: "reach only what is yours"). The back office sees everything; collectors
/// and field agents see a customer only while that customer has open work in their queue, so
/// that reassigning a case or task away ends their access at once. The rule, in one place
/// (`WorkScopeFilter.swift`), is that one of these exists for the customer:
///
/// - an open task assigned to the agent id (`WorkQueue.openTask`: the latest action of an open
///   case, `created`, not replaced by a later day's action);
/// - an open field visit (`dispatched` or `confirmed`, not done, not met or cancelled) of the
///   agent id;
/// - an inbound-call grant of the user (`InboundAccess`) that has not expired at `now`.
///
/// "Their queue" is the agent id of `config/teams.yaml` the user works as (`users.agent_id`): a
/// collector's own id, and for a field agent the id of their field team, whose visits and tasks
/// every agent of the team works. Work that was assigned once and is now done, cancelled,
/// replaced or assigned elsewhere gives no access.
public enum WorkScope: Sendable, Equatable {
    case all
    /// The open work of `agentId`, and the live inbound grants of the user `userId` (none
    /// when nil) at `now`.
    case assignedTo(agentId: String, userId: String? = nil, now: Date = Date())
}
