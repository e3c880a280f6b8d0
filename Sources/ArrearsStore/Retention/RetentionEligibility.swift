import ArrearsCore
import SQLKit

/// Which customers' personal data has outlived the retention period on a date (issue 24,
/// "Retention"; PIPL art. 19: kept no longer than the purpose needs, art. 47: deleted after).
///
/// A customer qualifies when their collection is over and has been for longer than the period:
/// - they had at least one case, and every case of theirs is closed, on a day before `cutoff`;
/// - no legal case of theirs is open, and none moved on or after `cutoff`;
/// - no complaint of theirs is open, and none was resolved on or after `cutoff`;
/// - no arrangement of theirs is proposed, approved or active;
/// - no contact attempt of theirs was made, and no visit of theirs fell, on or after `cutoff`;
/// - no account of theirs is open: every one shows nothing outstanding, or was written off on or
///   before the date. An account whose position was never computed counts as open.
///
/// `cutoff` is the date minus the period, so that data is erased only once more than the period
/// has passed since the last of those. A customer who never had a case is never chosen: their
/// data is the bank's customer file, which the bank's own feed keeps current.
enum RetentionEligibility {
    /// The qualifying customers in id order; with `among`, only those of them.
    static func customers(asOf: LocalDate, cutoff: LocalDate, among: [String]?, on database: any SQLDatabase) async throws -> [String] {
        if let among, among.isEmpty { return [] }
        func restricted(_ column: String) -> SQLQueryString {
            guard let among else { return "" }
            return " AND \(unsafeRaw: column) IN (\(binds: among))"
        }
        // Dates are formatted dates (digits and dashes); timestamps compare with them as text.
        let query: SQLQueryString = """
            SELECT customer_id FROM (
                SELECT customer_id FROM cases WHERE 1 = 1\(restricted("customer_id")) GROUP BY customer_id
                HAVING SUM(CASE WHEN status = 'open' OR closed_on IS NULL OR closed_on >= '\(unsafeRaw: cutoff.description)' THEN 1 ELSE 0 END) = 0
                EXCEPT SELECT customer_id FROM legal_cases WHERE (stage <> 'closed' OR stage_on >= '\(unsafeRaw: cutoff.description)')\(restricted("customer_id"))
                EXCEPT SELECT customer_id FROM complaints
                    WHERE (status = 'open' OR resolved_at IS NULL OR resolved_at >= '\(unsafeRaw: cutoff.description)')\(restricted("customer_id"))
                EXCEPT SELECT customer_id FROM arrangements WHERE status IN ('proposed', 'approved', 'active')\(restricted("customer_id"))
                EXCEPT SELECT customer_id FROM contact_attempts WHERE attempted_at >= '\(unsafeRaw: cutoff.description)'\(restricted("customer_id"))
                EXCEPT SELECT customer_id FROM visits WHERE visit_date >= '\(unsafeRaw: cutoff.description)'\(restricted("customer_id"))
                EXCEPT SELECT a.customer_id FROM accounts a LEFT JOIN account_positions p ON p.account_id = a.id
                    WHERE (p.account_id IS NULL OR p.outstanding_minor > 0)
                      AND (a.written_off_on IS NULL OR a.written_off_on > '\(unsafeRaw: asOf.description)')\(restricted("a.customer_id"))
            ) AS past_retention ORDER BY customer_id
            """
        return try await database.raw(query).all().map { try $0.decode(column: "customer_id", as: String.self) }
    }
}
