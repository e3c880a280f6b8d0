import SQLKit

/// Reads customers within a user's `WorkScope`: a customer outside it is not found, exactly as
/// if it did not exist.
public enum CustomerRepository {
    public static func find(id: String, scope: WorkScope, on database: any SQLDatabase) async throws -> StoredCustomer? {
        var query: SQLQueryString = "SELECT \(unsafeRaw: StoredCustomer.columns) FROM customers WHERE id = \(bind: id)"
        if case .assignedTo(let agentId) = scope {
            query.appendLiteral(" AND EXISTS (SELECT 1 FROM actions WHERE actions.customer_id = customers.id AND actions.assigned_to = ")
            query.appendInterpolation(bind: agentId)
            query.appendLiteral(")")
        }
        return try await database.raw(query).first().map(StoredCustomer.init)
    }
}
