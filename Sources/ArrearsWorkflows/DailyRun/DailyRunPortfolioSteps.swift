import ArrearsCore
import ArrearsStore
import Foundation

extension DailyRun {
    /// The portfolio-wide steps of a day, set-based in the run's transaction: arrangements
    /// settled, payments posted, positions recomputed, promises settled, buckets snapshotted and
    /// accounts scored. The one-process run and a partitioned day's plan (`PartitionedDay`) both
    /// begin with them. Returns the arrangements settled and their audit events, for the caller
    /// to append at its end.
    static func portfolioSteps(_ date: LocalDate, in records: any DailyRunTransaction, graceDays: Int, actor: String, buckets: BucketScheme,
                               summary: inout DailyRunSummary, clock: inout DailyRunStepClock,
                               progress: @escaping @Sendable (String) -> Void) async throws -> (counts: [ArrangementStatus: Int], events: [AuditEvent]) {
        let day = date.description
        clock.start("settle_arrangements")
        progress("settling arrangements")
        let arrangements = try await records.settleArrangements(on: date, graceDays: graceDays, actor: actor)
        summary.arrangementsSettled = arrangements.counts.reduce(into: [:]) { $0[$1.key.rawValue] = $1.value }

        clock.start("post_payments")
        progress("posting payments and recomputing delinquency as of \(day)")
        summary.paymentsPostedToday = try await records.paymentsDated(day)
        summary.accounts = try await records.recomputePositions(asOf: date, buckets: buckets)

        clock.start("settle_promises")
        progress("settling promises to pay due before \(day)")
        summary.promisesSettled = try await records.settlePromises(before: date)

        clock.start("snapshot_buckets")
        progress("snapshotting buckets")
        try await records.snapshotBuckets(on: date)

        clock.start("score_accounts")
        progress("scoring delinquent accounts with the active models")
        summary.scoring = try await AccountScoring.run(date, records: records.scoring)
        return arrangements
    }
}
