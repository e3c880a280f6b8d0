import ArrearsCore
import ArrearsStore
import SQLKit

/// Keeps the workbench's view of an account true the moment an arrangement takes effect.
public enum ArrangementPosition {
    /// Recomputes the account's stored position (as `PaymentPosting` does) when `arrangement` is
    /// active or completed, so an approved plan shows the account current, and an approved
    /// settlement its amount owed, at once rather than after the next daily run; the customer's
    /// open case in the account's currency owes as much more or less as the account now does (the next
    /// daily run decides the case afresh). Nothing changes for a proposed or rejected one.
    public static func refresh(after arrangement: StoredArrangement, today: LocalDate, buckets: BucketScheme,
                               on database: any SQLDatabase) async throws {
        guard arrangement.status == .active || arrangement.status == .completed else { return }
        let before = try await database.raw("SELECT overdue_minor FROM account_positions WHERE account_id = \(bind: arrangement.accountId)")
            .first()?.decode(column: "overdue_minor", as: Int64.self)
        let after = try await AccountRecompute(buckets: buckets).recompute(accountId: arrangement.accountId, atLeastAsOf: today, on: database)
        guard let before, before != after.overdueMinor else { return }
        let change = after.overdueMinor - before
        try await database.raw("""
            UPDATE cases SET overdue_minor = CASE WHEN overdue_minor + \(bind: change) > 0 THEN overdue_minor + \(bind: change) ELSE 0 END
            WHERE customer_id = \(bind: arrangement.customerId) AND status = 'open' AND currency = \(bind: arrangement.currency.code)
            """).run()
    }
}
