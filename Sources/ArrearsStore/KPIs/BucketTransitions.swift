import ArrearsCore

/// Month-on-month bucket transitions from the month-end account snapshots: for each pair of
/// consecutive month ends whose later end falls in the period (the first pair starts at the last
/// month end before the period), the accounts in both snapshots by bucket at the start and at
/// the end, with their outstanding balance at the start, in one currency.
public struct BucketTransitions: Sendable, Codable, Equatable {
    public struct Month: Sendable, Codable, Equatable {
        public let from: LocalDate
        public let to: LocalDate
        public let matrix: TransitionMatrix
    }

    public let currency: String
    public let buckets: [String]
    public let months: [Month]
    /// Every month's matrix added up.
    public let total: TransitionMatrix

    public var counts: [[Int]] { total.counts }
    public var balances: [[Int64]] { total.balances }

    /// Loads the transitions of `period` for accounts in `currency`, buckets in `buckets`' order.
    public static func load(_ period: KPIPeriod, buckets: BucketScheme, currency: String, on store: Store) async throws -> BucketTransitions {
        let names = buckets.buckets.map(\.name)
        let before = try await store.sql.raw("""
            SELECT MAX(business_date) AS d FROM account_snapshots WHERE business_date < \(bind: period.from.description)
            """).first()?.decode(column: "d", as: String?.self)
        let within = try await store.sql.raw("""
            SELECT DISTINCT business_date FROM account_snapshots
            WHERE business_date >= \(bind: period.from.description) AND business_date <= \(bind: period.to.description) ORDER BY business_date
            """).all().map { try $0.decode(column: "business_date", as: String.self) }
        let ends = ([before].compactMap { $0 } + within).compactMap(LocalDate.init(iso:))
        var months: [Month] = []
        for (start, end) in zip(ends, ends.dropFirst()) {
            var matrix = TransitionMatrix(buckets: names)
            for row in try await store.sql.raw("""
                SELECT s1.bucket AS from_bucket, s2.bucket AS to_bucket, COUNT(*) AS n, CAST(SUM(s1.outstanding_minor) AS BIGINT) AS balance
                FROM account_snapshots s1
                JOIN account_snapshots s2 ON s2.account_id = s1.account_id AND s2.business_date = \(bind: end.description)
                JOIN accounts a ON a.id = s1.account_id
                WHERE s1.business_date = \(bind: start.description) AND a.currency = \(bind: currency)
                GROUP BY s1.bucket, s2.bucket
                """).all() {
                matrix.add(from: try row.decode(column: "from_bucket", as: String.self), to: try row.decode(column: "to_bucket", as: String.self),
                           accounts: try row.decode(column: "n", as: Int.self), balance: try row.decode(column: "balance", as: Int64.self))
            }
            months.append(Month(from: start, to: end, matrix: matrix))
        }
        let total = months.reduce(TransitionMatrix(buckets: names)) { $0 + $1.matrix }
        return BucketTransitions(currency: currency, buckets: names, months: months, total: total)
    }
}
