import ArrearsCore
import SQLKit

/// Settles promises to pay whose date has passed: kept when the customer paid at least the
/// promised amount (in the promise's currency, on any of their accounts) between the day of the
/// promise and its due date, partly kept when less but something, broken when nothing.
public enum PromiseSettlement {
    /// Settles the pending promises due before `date`; returns how many became each status.
    public static func settle(before date: LocalDate, on database: any SQLDatabase) async throws -> [String: Int] {
        let day = date.description
        try await database.raw("""
            UPDATE promises SET settled_on = \(bind: day), paid_minor = (
                SELECT COALESCE(SUM(p.amount_minor), 0) FROM payments p JOIN accounts a ON a.id = p.account_id
                WHERE a.customer_id = promises.customer_id AND p.currency = promises.currency
                  AND p.paid_on >= promises.promised_on AND p.paid_on <= promises.due_on)
            WHERE status = 'pending' AND due_on < \(bind: day)
            """).run()
        try await database.raw("""
            UPDATE promises SET status = CASE
                WHEN paid_minor >= amount_minor THEN 'kept'
                WHEN paid_minor > 0 THEN 'partly_kept'
                ELSE 'broken' END
            WHERE status = 'pending' AND settled_on = \(bind: day)
            """).run()
        var counts: [String: Int] = [:]
        for row in try await database.raw("SELECT status, COUNT(*) AS n FROM promises WHERE settled_on = \(bind: day) GROUP BY status").all() {
            counts[try row.decode(column: "status", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }
}
