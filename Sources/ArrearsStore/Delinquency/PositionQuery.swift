import ArrearsCore
import SQLKit

/// Every account's position as of a date, computed by the database in one set-based statement.
///
/// It is the SQL form of `AccountPosition` in the core, and the store tests hold the two equal
/// on random portfolios. Payments are allocated oldest due first, so with P the sum paid on or
/// before D and C(k) the running total of an account's dues in date order, due k is unpaid
/// exactly when C(k) > P: the oldest unpaid due is the first with C(k) > P, and it is overdue
/// when it fell due before D. Overdue is what fell due before D less P, outstanding is every due
/// less P, and what P exceeds the dues by is a credit.
struct PositionQuery {
    let asOf: LocalDate
    let buckets: BucketScheme
    let dialect: Dialect
    /// Whether some customer has a breathing space (UK Debt Respite Scheme, reg. 7): the interest
    /// and fees of the dues falling due within it are frozen, that is not owed. Only then does
    /// the statement look for them, so a portfolio without any pays nothing for the rule.
    var freezesInterest = false

    /// The dues whose interest and fees a breathing space freezes, as rows of `account_id` and
    /// `due_on`: `BreathingSpace`'s rule over every account at once.
    static let frozenDues = """
        SELECT DISTINCT d.account_id, d.due_on FROM customer_flags f
        JOIN accounts a ON a.customer_id = f.customer_id
        JOIN dues d ON d.account_id = a.id
        WHERE f.flag = '\(BreathingSpace.flag.rawValue)' AND \(BreathingSpace.sqlCovers(from: "f.starts_on", until: "f.ends_on", day: "d.due_on"))
        """

    /// The `WITH … ` clauses ending in a `positions` relation with the columns
    /// account_id, customer_id, product, currency, dpd, bucket, overdue_minor, outstanding_minor,
    /// credit_minor, oldest_unpaid_due_on.
    var commonTableExpressions: SQLQueryString {
        // `day` is a formatted LocalDate, digits and hyphens only, so it is safe as a literal
        // where a date function needs one; elsewhere it is bound.
        let day = asOf.description
        let amount = freezesInterest
            ? "(d.principal_minor + CASE WHEN z.account_id IS NULL THEN d.interest_minor + d.fees_minor ELSE 0 END)"
            : "(d.principal_minor + d.interest_minor + d.fees_minor)"
        let frozenJoin = freezesInterest ? " LEFT JOIN frozen z ON z.account_id = d.account_id AND z.due_on = d.due_on" : ""
        let frozen = freezesInterest ? """
        frozen AS (
        \(Self.frozenDues)
        ),
        """ : ""
        var query: SQLQueryString = """
        WITH \(unsafeRaw: frozen) paid AS (
            SELECT account_id, CAST(SUM(amount_minor) AS BIGINT) AS paid
            FROM payments WHERE paid_on <= \(bind: day) GROUP BY account_id
        ), running AS (
            SELECT d.account_id, d.due_on, \(unsafeRaw: amount) AS amount,
                CAST(SUM(\(unsafeRaw: amount)) OVER (PARTITION BY d.account_id ORDER BY d.due_on ROWS UNBOUNDED PRECEDING) AS BIGINT) AS cumulative
            FROM dues d\(unsafeRaw: frozenJoin)
        ), per_account AS (
            SELECT r.account_id,
                MIN(CASE WHEN r.cumulative > COALESCE(p.paid, 0) THEN r.due_on END) AS oldest_unpaid,
                CAST(SUM(CASE WHEN r.due_on < \(bind: day) THEN r.amount ELSE 0 END) AS BIGINT) AS past_total,
                CAST(SUM(r.amount) AS BIGINT) AS total
            FROM running r LEFT JOIN paid p ON p.account_id = r.account_id
            GROUP BY r.account_id
        ), amounts AS (
            SELECT a.id AS account_id, a.customer_id, a.product, a.currency, pa.oldest_unpaid,
                CASE WHEN pa.oldest_unpaid < \(bind: day)
                    THEN \(unsafeRaw: dialect.daysBetween("'\(day)'", "pa.oldest_unpaid")) ELSE 0 END AS dpd,
                COALESCE(pa.past_total, 0) AS past_total,
                COALESCE(pa.total, 0) AS total,
                COALESCE(p.paid, 0) AS paid
            FROM accounts a
            LEFT JOIN per_account pa ON pa.account_id = a.id
            LEFT JOIN paid p ON p.account_id = a.id
        ), positions AS (
            SELECT account_id, customer_id, product, currency, dpd,
        """
        query.appendInterpolation(bucketCase)
        query.appendLiteral("""
         AS bucket,
                CASE WHEN past_total > paid THEN past_total - paid ELSE 0 END AS overdue_minor,
                CASE WHEN total > paid THEN total - paid ELSE 0 END AS outstanding_minor,
                CASE WHEN paid > total THEN paid - total ELSE 0 END AS credit_minor,
                oldest_unpaid AS oldest_unpaid_due_on
            FROM amounts
        )

        """)
        return query
    }

    /// `CASE WHEN dpd <= 0 THEN 'current' WHEN dpd <= 15 THEN '1-15' … ELSE '181+' END`.
    private var bucketCase: SQLQueryString {
        var query: SQLQueryString = "CASE"
        for bucket in buckets.buckets.dropLast() {
            query.appendInterpolation(unsafeRaw: " WHEN dpd <= \(bucket.maxDays!) THEN ")
            query.appendInterpolation(literal: bucket.name)
        }
        query.appendLiteral(" ELSE ")
        query.appendInterpolation(literal: buckets.buckets.last!.name)
        query.appendLiteral(" END")
        return query
    }
}
