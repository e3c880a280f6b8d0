import SQLKit

/// Lists cases in id order, a page at a time, within a user's `WorkScope`.
public enum CaseList {
    /// Each case's currency, by id; ids that match no case are left out.
    public static func currencies(of ids: [String], on database: any SQLDatabase) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.select().columns("id", "currency").from("cases").where("id", .in, ids).all()
        return Dictionary(try rows.map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "currency", as: String.self)) },
                          uniquingKeysWith: { first, _ in first })
    }

    /// Up to `limit` cases with ids after `after` (the last id of the previous page).
    public static func page(after: String?, limit: Int, scope: WorkScope, on database: any SQLDatabase) async throws -> [CaseSummary] {
        var query: SQLQueryString = """
            SELECT c.id, c.customer_id, c.status, c.segment, c.bucket, c.dpd, c.overdue_minor, c.currency,
                (SELECT a.assigned_to FROM actions a WHERE a.case_id = c.id ORDER BY a.business_date DESC LIMIT 1) AS assigned_to
            FROM cases c WHERE c.id > \(bind: after ?? "")
            """
        scope.restrict(&query, customerColumn: "c.customer_id")
        query.appendLiteral(" ORDER BY c.id LIMIT ")
        query.appendInterpolation(bind: limit)
        return try await database.raw(query).all().map { row in
            CaseSummary(id: try row.decode(column: "id", as: String.self), customerId: try row.decode(column: "customer_id", as: String.self),
                        status: try row.decode(column: "status", as: String.self), segment: try row.decode(column: "segment", as: String.self),
                        bucket: try row.decode(column: "bucket", as: String.self), dpd: try row.decode(column: "dpd", as: Int.self),
                        overdueMinor: try row.decode(column: "overdue_minor", as: Int64.self), currency: try row.decode(column: "currency", as: String.self),
                        assignedTo: try row.decode(column: "assigned_to", as: String?.self))
        }
    }
}
