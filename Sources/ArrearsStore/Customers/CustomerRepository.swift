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

    /// Each customer's region and time zone, by id (a field visit is planned from them); ids
    /// that match no customer are left out.
    public static func places(of ids: [String], on database: any SQLDatabase) async throws -> [String: (region: String?, timeZone: String)] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.select().columns("id", "region", "time_zone").from("customers").where("id", .in, ids).all()
        return Dictionary(try rows.map { row in
            (try row.decode(column: "id", as: String.self),
             (region: try row.decode(column: "region", as: String?.self), timeZone: try row.decode(column: "time_zone", as: String.self)))
        }, uniquingKeysWith: { first, _ in first })
    }

    /// The time zone of the customer of case `caseId`; nil when there is no such case.
    public static func timeZone(ofCase caseId: String, on database: any SQLDatabase) async throws -> String? {
        try await database.raw("""
            SELECT cu.time_zone FROM cases c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = \(bind: caseId)
            """).first()?.decode(column: "time_zone", as: String.self)
    }

    private static func query(columns: String, id: String, scope: WorkScope) -> SQLQueryString {
        var query: SQLQueryString = "SELECT \(unsafeRaw: columns) FROM customers WHERE id = \(bind: id)"
        scope.restrict(&query, customerColumn: "customers.id")
        return query
    }
}
