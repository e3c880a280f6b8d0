import ArrearsCore
import SQLKit

extension SQLDailyRunRecords {
    /// Runs `work` in one transaction of its own, handing it the run's records and the database
    /// of that transaction: the partitioned day's plan, partitions and final step
    /// (`DayPartitions`) write the job table alongside the run's rows, all or nothing.
    public func partitionTransaction<T: Sendable>(_ work: @escaping @Sendable (any DailyRunTransaction, any SQLDatabase) async throws -> T) async throws -> T {
        let store = store, settlingArrangements = settlingArrangements, scoringResponses = scoringResponses
        return try await store.transaction(alone: true) { database in
            try await work(Transaction(store: store, database: database, settlingArrangements: settlingArrangements, scoringResponses: scoringResponses),
                           database)
        }
    }
}
