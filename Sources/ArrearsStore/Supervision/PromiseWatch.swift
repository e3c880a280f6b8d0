import ArrearsCore
import SQLKit

/// The promises a supervisor watches: those falling due today, still pending, and those the
/// daily run judged broken in the last days. Every customer's, whoever took the promise.
public enum PromiseWatch {
    /// A promise with the name of the customer who made it.
    public struct Line: Sendable, Equatable {
        public let promise: StoredPromise
        public let customerName: String
    }

    /// Pending promises due on `today`, by case.
    public static func dueToday(_ today: LocalDate, on database: any SQLDatabase) async throws -> [Line] {
        try await lines("p.status = 'pending' AND p.due_on = \(bind: today.description)", on: database)
    }

    /// Promises settled as broken from `days` days before `today` through `today`, latest first.
    public static func broken(inLast days: Int, before today: LocalDate, on database: any SQLDatabase) async throws -> [Line] {
        try await lines("""
            p.status = 'broken' AND p.settled_on >= \(bind: today.adding(days: -days).description) AND p.settled_on <= \(bind: today.description)
            """, on: database)
    }

    private static func lines(_ condition: SQLQueryString, on database: any SQLDatabase) async throws -> [Line] {
        var query: SQLQueryString = "SELECT \(unsafeRaw: StoredPromise.columns), cu.name FROM promises p JOIN customers cu ON cu.id = p.customer_id WHERE "
        query.appendInterpolation(condition)
        query.appendLiteral(" ORDER BY p.settled_on DESC, p.case_id, p.id")
        return try await database.raw(query).all().map { row in
            Line(promise: try StoredPromise(row), customerName: try row.decode(column: "name", as: String.self))
        }
    }
}
