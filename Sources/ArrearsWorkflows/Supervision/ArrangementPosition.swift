import ArrearsCore
import ArrearsStore
import SQLKit

/// Keeps the workbench's view of an account true the moment an arrangement takes effect.
public enum ArrangementPosition {
    /// Recomputes the account's stored position (as `PaymentPosting` does) when `arrangement` is
    /// active or completed, so an approved plan shows the account current, and an approved
    /// settlement its amount owed, on the account and its case (`recomputeWithCase`), at once rather
    /// than after the next daily run. Nothing changes for a proposed or rejected one.
    public static func refresh(after arrangement: StoredArrangement, today: LocalDate, buckets: BucketScheme,
                               on database: any SQLDatabase) async throws {
        guard arrangement.status == .active || arrangement.status == .completed else { return }
        _ = try await AccountRecompute(buckets: buckets).recomputeWithCase(accountId: arrangement.accountId, atLeastAsOf: today, on: database)
    }
}
