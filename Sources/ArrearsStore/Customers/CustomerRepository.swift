import SQLKit

/// Reads customers within a user's `WorkScope` (its one rule, `WorkScopeFilter.swift`): a
/// customer outside it is not found, exactly as if it did not exist.
public enum CustomerRepository {
    public static func find(id: String, scope: WorkScope, on database: any SQLDatabase) async throws -> StoredCustomer? {
        try await database.raw(query(columns: StoredCustomer.columns, id: id, scope: scope)).first().map(StoredCustomer.init)
    }

    /// Whether the customer exists within `scope` (a check before acting on one), without reading
    /// the customer's row: every logged contact attempt makes this check.
    public static func exists(id: String, scope: WorkScope, on database: any SQLDatabase) async throws -> Bool {
        try await database.raw(query(columns: "1 AS found", id: id, scope: scope)).first() != nil
    }

    private static func query(columns: String, id: String, scope: WorkScope) -> SQLQueryString {
        var query: SQLQueryString = "SELECT \(unsafeRaw: columns) FROM customers WHERE id = \(bind: id)"
        scope.restrict(&query, customerColumn: "customers.id")
        return query
    }
}
