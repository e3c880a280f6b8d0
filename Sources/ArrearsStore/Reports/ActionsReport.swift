import ArrearsCore
import SQLKit

/// `arrears report actions`: one row per action decided on a business date.
///
/// The last four columns explain the choices of optimised cells (issue 27) and are empty for the
/// others: `expected_value` (the chosen channel's expected recovery within the horizon over no
/// contact, minus its unit cost), `alternative` (the best other choice: a channel or `none`) and
/// `alternative_value`, decimal strings in the case's currency, and `propensity`, the
/// probability the channel had of being chosen (1 when allocated, 1/(allowed + 1) when drawn at
/// random). A case for which no contact was chosen has a row with channel `none`.
public enum ActionsReport {
    public static let columns = ["case_id", "customer_id", "segment", "bucket", "dpd", "treatment", "channel", "cell", "status", "reason", "assigned_to", "rule",
                                 "next_allowed_at", "expected_value", "alternative", "alternative_value", "propensity"]

    public static func write(store: Store, date: LocalDate, format: ReportFormat, sink: @escaping @Sendable (String) -> Void) async throws {
        let writer = ReportWriter(format: format, columns: columns, numericColumns: ["dpd"], sink: sink)
        let failure = LockedBox<(any Error)?>(nil)
        try await store.sql.execute(sql: SQLQueryString("""
            SELECT a.case_id, a.customer_id, a.segment, a.bucket, a.dpd, a.treatment, a.channel, a.cell, a.status, a.reason, a.assigned_to,
                a.rule, a.next_allowed_at, a.expected_value_minor, a.alternative, a.alternative_value_minor, a.propensity, k.currency
            FROM actions a LEFT JOIN cases k ON k.id = a.case_id
            WHERE a.business_date = \(bind: date.description) ORDER BY a.priority DESC, a.case_id
            """)) { row in
            do {
                let digits = (try row.decode(column: "currency", as: String?.self)).flatMap(Currency.init(code:))?.minorDigits ?? 2
                func money(_ column: String) throws -> String {
                    try row.decode(column: column, as: Int64?.self).map { DecimalAmount.format($0, minorDigits: digits) } ?? ""
                }
                writer.write([
                    try row.decode(column: "case_id", as: String.self), try row.decode(column: "customer_id", as: String.self),
                    try row.decode(column: "segment", as: String.self), try row.decode(column: "bucket", as: String.self),
                    String(try row.decode(column: "dpd", as: Int.self)), try row.decode(column: "treatment", as: String.self),
                    try row.decode(column: "channel", as: String.self), try row.decode(column: "cell", as: String.self),
                    try row.decode(column: "status", as: String.self), try row.decode(column: "reason", as: String.self),
                    try row.decode(column: "assigned_to", as: String?.self) ?? "",
                    try row.decode(column: "rule", as: String?.self) ?? "", try row.decode(column: "next_allowed_at", as: String?.self) ?? "",
                    try money("expected_value_minor"), try row.decode(column: "alternative", as: String?.self) ?? "",
                    try money("alternative_value_minor"), try row.decode(column: "propensity", as: String?.self) ?? "",
                ])
            } catch { failure.set(error) }
        }
        if let error = failure.get() { throw error }
        writer.finish()
    }
}
