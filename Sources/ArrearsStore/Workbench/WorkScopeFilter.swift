import SQLKit

extension WorkScope {
    /// Appends ` AND <the customer in customerColumn is within this scope>` to `query`: for an
    /// assigned scope, the customer has had work assigned to the agent (the rule of
    /// `CustomerRepository`); for `.all`, nothing.
    func restrict(_ query: inout SQLQueryString, customerColumn: String) {
        guard case .assignedTo(let agentId) = self else { return }
        query.appendLiteral(" AND EXISTS (SELECT 1 FROM actions scope_action WHERE scope_action.customer_id = ")
        query.appendInterpolation(unsafeRaw: customerColumn)
        query.appendLiteral(" AND scope_action.assigned_to = ")
        query.appendInterpolation(bind: agentId)
        query.appendLiteral(")")
    }
}
