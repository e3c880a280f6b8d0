import ArrearsCore

/// The delinquency rate over time, for the trend chart.
public enum DelinquencyTrend {
    /// The portfolio's overdue and outstanding balance on every business date of `period` that
    /// has bucket totals, one point per date and currency, oldest first.
    public static func trend(_ period: KPIPeriod, on store: Store) async throws -> [DelinquencyPoint] {
        try await store.sql.raw("""
            SELECT business_date, currency, CAST(SUM(overdue_minor) AS BIGINT) AS overdue, CAST(SUM(outstanding_minor) AS BIGINT) AS outstanding
            FROM bucket_totals WHERE business_date >= \(bind: period.from.description) AND business_date <= \(bind: period.to.description)
            GROUP BY business_date, currency ORDER BY business_date, currency
            """).all().compactMap { row in
            guard let date = LocalDate(iso: try row.decode(column: "business_date", as: String.self)) else { return nil }
            return DelinquencyPoint(date: date, currency: try row.decode(column: "currency", as: String.self),
                                    overdueMinor: try row.decode(column: "overdue", as: Int64.self),
                                    outstandingMinor: try row.decode(column: "outstanding", as: Int64.self))
        }
    }
}
