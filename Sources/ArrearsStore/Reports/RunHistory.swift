import ArrearsCore
import Foundation
import SQLKit

/// What the daily runs did over time, for the runs page: the recent runs' summaries, the
/// delinquency trend from the bucket snapshots, and the champion/challenger cells side by side.
public struct RunHistory: Sendable {
    /// One cell's results over every case it has had.
    public struct CellOutcome: Sendable, Equatable {
        public let cell: String
        public let cases: Int
        public let cured: Int
        public let open: Int
        /// Paid on the cases' customers' accounts while the cases were open, per currency.
        public let collectedMinor: [String: Int64]

        public var cureRate: Double { cases == 0 ? 0 : Double(cured) / Double(cases) }
    }

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

    /// Every cell's cases, cures and collections.
    public func cells() async throws -> [CellOutcome] {
        var counts: [String: (cases: Int, cured: Int, open: Int)] = [:]
        for row in try await store.sql.raw("""
            SELECT cell, COUNT(*) AS cases,
                SUM(CASE WHEN status = 'closed' AND close_reason = 'cured' THEN 1 ELSE 0 END) AS cured,
                SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS open
            FROM cases GROUP BY cell
            """).all() {
            counts[try row.decode(column: "cell", as: String.self)] = (
                try row.decode(column: "cases", as: Int.self), try row.decode(column: "cured", as: Int.self), try row.decode(column: "open", as: Int.self))
        }
        var collected: [String: [String: Int64]] = [:]
        for row in try await store.sql.raw("""
            SELECT k.cell, p.currency, CAST(SUM(p.amount_minor) AS BIGINT) AS collected
            FROM cases k
            JOIN accounts a ON a.customer_id = k.customer_id
            JOIN payments p ON p.account_id = a.id AND p.paid_on >= k.opened_on AND (k.closed_on IS NULL OR p.paid_on <= k.closed_on)
            GROUP BY k.cell, p.currency
            """).all() {
            collected[try row.decode(column: "cell", as: String.self), default: [:]][try row.decode(column: "currency", as: String.self)] =
                try row.decode(column: "collected", as: Int64.self)
        }
        return counts.keys.sorted().map { cell in
            let count = counts[cell]!
            return CellOutcome(cell: cell, cases: count.cases, cured: count.cured, open: count.open, collectedMinor: collected[cell] ?? [:])
        }
    }
}
