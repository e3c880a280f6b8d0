import ArrearsCore
import SQLKit

/// Snapshots of the buckets for roll-rate reporting: totals by bucket, product and currency
/// every business date, and every account's bucket on the last business day of a month (the
/// basis of month-on-month roll rates and transition matrices).
public enum BucketSnapshot {
    public static func take(on date: LocalDate, on database: any SQLDatabase) async throws {
        let day = date.description
        try await database.raw("DELETE FROM bucket_totals WHERE business_date = \(bind: day)").run()
        try await database.raw("""
            INSERT INTO bucket_totals (business_date, bucket, product, currency, accounts, overdue_minor, outstanding_minor)
            SELECT \(bind: day), p.bucket, a.product, a.currency, COUNT(*), CAST(SUM(p.overdue_minor) AS BIGINT), CAST(SUM(p.outstanding_minor) AS BIGINT)
            FROM account_positions p JOIN accounts a ON a.id = p.account_id
            GROUP BY p.bucket, a.product, a.currency
            """).run()
        guard isLastBusinessDayOfMonth(date) else { return }
        try await database.raw("DELETE FROM account_snapshots WHERE business_date = \(bind: day)").run()
        try await database.raw("""
            INSERT INTO account_snapshots (business_date, account_id, bucket, dpd, overdue_minor, outstanding_minor)
            SELECT \(bind: day), account_id, bucket, dpd, overdue_minor, outstanding_minor FROM account_positions
            """).run()
    }

    /// Monday to Friday, and the next weekday falls in another month.
    public static func isLastBusinessDayOfMonth(_ date: LocalDate) -> Bool {
        guard date.isoWeekday <= 5 else { return false }
        let next = date.adding(days: date.isoWeekday == 5 ? 3 : 1)
        return next.components.month != date.components.month
    }
}
