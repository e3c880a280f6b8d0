import ArrearsCore
import Foundation
import SQLKit

/// What the daily runs did over time, for the runs page: the recent runs' summaries, the
/// delinquency trend from the bucket snapshots. (The champion/challenger cells are the KPIs by
/// cell, `KPIReport`, so that `/runs` and `/analytics` count the same cases.)
public struct RunHistory: Sendable {
    /// Delinquent accounts and overdue amount (per currency) on one business date.
    public struct TrendPoint: Sendable, Equatable {
        public let businessDate: String
        public let delinquentAccounts: Int
        public let overdueMinor: [String: Int64]
    }

    public let store: Store
    public let currentBucket: String

    public init(store: Store, buckets: BucketScheme) {
        self.store = store
        self.currentBucket = buckets.buckets[0].name
    }

    /// The latest `limit` completed runs, newest first.
    public func recentRuns(limit: Int) async throws -> [DailyRunSummary] {
        let rows = try await store.sql.raw("SELECT summary FROM run_days ORDER BY business_date DESC LIMIT \(bind: limit)").all()
        return try rows.map { try JSONDecoder().decode(DailyRunSummary.self, from: Data(try $0.decode(column: "summary", as: String.self).utf8)) }
    }

    /// How many business dates the daily run has completed.
    public func completedRuns() async throws -> Int {
        try await store.sql.raw("SELECT COUNT(*) AS n FROM run_days").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The latest business date the daily run completed; nil before the first.
    public func lastCompletedDate() async throws -> LocalDate? {
        guard let text = try await store.sql.raw("SELECT MAX(business_date) AS last FROM run_days").first()?.decode(column: "last", as: String?.self)
        else { return nil }
        return LocalDate(iso: text)
    }

    /// When the run of `businessDate` completed; nil when it has not.
    public func completedAt(businessDate: String) async throws -> Date? {
        guard let text = try await store.sql.raw("SELECT completed_at FROM run_days WHERE business_date = \(bind: businessDate)").first()?
            .decode(column: "completed_at", as: String.self) else { return nil }
        return ISO8601DateFormatter().date(from: text)
    }

    /// The last `limit` business dates with snapshots, oldest first.
    public func trend(limit: Int) async throws -> [TrendPoint] {
        let rows = try await store.sql.raw("""
            SELECT business_date, currency, CAST(SUM(accounts) AS BIGINT) AS accounts, CAST(SUM(overdue_minor) AS BIGINT) AS overdue
            FROM bucket_totals
            WHERE bucket <> \(bind: currentBucket) AND business_date IN (
                SELECT DISTINCT business_date FROM bucket_totals ORDER BY business_date DESC LIMIT \(bind: limit))
            GROUP BY business_date, currency ORDER BY business_date
            """).all()
        var points: [String: (accounts: Int, overdue: [String: Int64])] = [:]
        for row in rows {
            let day = try row.decode(column: "business_date", as: String.self)
            points[day, default: (0, [:])].accounts += try row.decode(column: "accounts", as: Int.self)
            points[day, default: (0, [:])].overdue[try row.decode(column: "currency", as: String.self)] = try row.decode(column: "overdue", as: Int64.self)
        }
        return points.keys.sorted().map { TrendPoint(businessDate: $0, delinquentAccounts: points[$0]!.accounts, overdueMinor: points[$0]!.overdue) }
    }
}
