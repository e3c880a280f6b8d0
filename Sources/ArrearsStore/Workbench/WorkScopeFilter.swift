import Foundation
import SQLKit

extension WorkScope {
    /// Appends ` AND <the customer in customerColumn is within this scope>` to `query`: for an
    /// assigned scope, the customer has open work of the agent or a live inbound grant of the
    /// user (the rule stated on `WorkScope`); for `.all`, nothing. Every query that reads or acts
    /// on a customer's data for a collector or field agent applies it: there is no other rule.
    public func restrict(_ query: inout SQLQueryString, customerColumn: String) {
        query.appendInterpolation(condition(customerColumn: customerColumn))
    }

    /// ` AND <the customer in customerColumn is within this scope>`, or nothing for `.all`.
    /// The subqueries' aliases start with `scope_`, so that they never capture a name of the
    /// query they are appended to.
    public func condition(customerColumn: String) -> SQLQueryString {
        guard case .assignedTo(let agentId, let userId, let now) = self else { return "" }
        var query: SQLQueryString = """
             AND (EXISTS (SELECT 1 FROM actions scope_action JOIN cases scope_case ON scope_case.id = scope_action.case_id
                WHERE scope_action.customer_id = \(unsafeRaw: customerColumn) AND scope_action.assigned_to = \(bind: agentId)
                AND \(unsafeRaw: WorkQueue.openTask(action: "scope_action", case: "scope_case")))
            OR EXISTS (SELECT 1 FROM visits scope_visit WHERE scope_visit.customer_id = \(unsafeRaw: customerColumn)
                AND scope_visit.agent_id = \(bind: agentId) AND scope_visit.status IN ('dispatched', 'confirmed'))
            """
        if let userId {
            query.appendLiteral("""

                OR EXISTS (SELECT 1 FROM inbound_access_grants scope_grant WHERE scope_grant.customer_id = \(customerColumn)
                    AND scope_grant.user_id = 
                """)
            query.appendInterpolation(bind: userId)
            query.appendLiteral(" AND scope_grant.expires_at > ")
            query.appendInterpolation(bind: OutboxTimestamp.text(now))
            query.appendLiteral(")")
        }
        query.appendLiteral(")")
        return query
    }
}
