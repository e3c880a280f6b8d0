import ArrearsCore
import Foundation

/// `arrears report accounts`: every account's DPD, bucket and amounts as of a date.
public enum AccountsReport {
    public static let columns = ["account_id", "customer_id", "product", "currency", "dpd", "bucket", "overdue_amount", "outstanding_amount"]

    /// Streams the report for `asOf` to `sink`.
    public static func write(
        positions: PositionRepository, asOf: LocalDate, format: ReportFormat, sink: @escaping @Sendable (String) -> Void
    ) async throws {
        let writer = ReportWriter(format: format, columns: columns, numericColumns: ["dpd"], sink: sink)
        try await positions.each(asOf: asOf) { row in
            let digits = Currency(code: row.currency)?.minorDigits ?? 2
            writer.write([
                row.accountId, row.customerId, row.product, row.currency, String(row.dpd), row.bucket,
                DecimalAmount.format(row.overdueMinor, minorDigits: digits),
                DecimalAmount.format(row.outstandingMinor, minorDigits: digits),
            ])
        }
        writer.finish()
    }
}
