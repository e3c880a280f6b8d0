import ArrearsCore
import SQLKit

/// `arrears report actions`: one row per action decided on a business date.
public enum ActionsReport {
    public static let columns = ["case_id", "customer_id", "segment", "bucket", "dpd", "treatment", "channel", "cell", "status", "reason", "assigned_to", "rule", "next_allowed_at"]

    public static func write(store: Store, date: LocalDate, format: ReportFormat, sink: @escaping @Sendable (String) -> Void) async throws {
        let writer = ReportWriter(format: format, columns: columns, numericColumns: ["dpd"], sink: sink)
        let failure = LockedBox<(any Error)?>(nil)
        try await store.sql.execute(sql: SQLQueryString("""
            SELECT case_id, customer_id, segment, bucket, dpd, treatment, channel, cell, status, reason, assigned_to, rule, next_allowed_at
            FROM actions WHERE business_date = \(bind: date.description) ORDER BY priority DESC, case_id
            """)) { row in
            do {
                writer.write([
                    try row.decode(column: "case_id", as: String.self), try row.decode(column: "customer_id", as: String.self),
                    try row.decode(column: "segment", as: String.self), try row.decode(column: "bucket", as: String.self),
                    String(try row.decode(column: "dpd", as: Int.self)), try row.decode(column: "treatment", as: String.self),
                    try row.decode(column: "channel", as: String.self), try row.decode(column: "cell", as: String.self),
                    try row.decode(column: "status", as: String.self), try row.decode(column: "reason", as: String.self),
                    try row.decode(column: "assigned_to", as: String?.self) ?? "",
                    try row.decode(column: "rule", as: String?.self) ?? "", try row.decode(column: "next_allowed_at", as: String?.self) ?? "",
                ])
            } catch { failure.set(error) }
        }
        if let error = failure.get() { throw error }
        writer.finish()
    }
}
