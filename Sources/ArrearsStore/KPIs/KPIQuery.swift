import ArrearsCore
import SQLKit

/// The set-based SQL behind the KPIs of one period and dimension (docs/kpis.md is its contract).
/// Every statement starts from the same common table expressions:
///
/// - `worked`: the cases open on at least one day of the period, with their customer's region;
/// - `case_accounts`: each worked case's accounts (the customer's, in the case's currency, not
///   written off when it opened) with the overdue on the day it opened (dues before that day
///   less payments up to it, as `PositionQuery` computes it) and the payments recovered in the
///   period after it opened and until it closed;
/// - `attempts_in`: the period's contact attempts (messages sent excluded), each attributed to
///   the customer's case open on the attempt's UTC date;
/// - `case_group`: which group of the dimension each worked case belongs to (for collector and
///   team, every group that worked it: an assigned task or a recorded attempt in the period).
///
/// Unreferenced expressions are never evaluated, so every statement carries all of them.
struct KPIQuery {
    let period: KPIPeriod
    let dimension: KPIDimension?
    let agents: [Agent]

    /// Outcomes of a conversation with the customer themself (`ContactAttempt.Outcome.isConversation`).
    static let rightPartyOutcomes = ContactAttempt.Outcome.allCases.filter(\.isConversation).map(\.rawValue)

    var from: String { period.from.description }
    var to: String { period.to.description }
    var dayAfter: String { period.dayAfter.description }

    var commonTableExpressions: SQLQueryString {
        """
        WITH worked AS (
            SELECT k.id, k.customer_id, k.currency, k.opened_on, k.closed_on, k.close_reason, k.segment, k.cell, k.bucket,
                COALESCE(c.region, '(none)') AS region
            FROM cases k JOIN customers c ON c.id = k.customer_id
            WHERE k.opened_on <= \(bind: to) AND (k.closed_on IS NULL OR k.closed_on >= \(bind: from))
        ), case_accounts AS (
            SELECT k.id AS case_id, a.id AS account_id, a.product,
                COALESCE((SELECT SUM(d.principal_minor + d.interest_minor + d.fees_minor) FROM dues d
                          WHERE d.account_id = a.id AND d.due_on < k.opened_on), 0)
                - COALESCE((SELECT SUM(p.amount_minor) FROM payments p WHERE p.account_id = a.id AND p.paid_on <= k.opened_on), 0) AS entry_overdue,
                COALESCE((SELECT SUM(p.amount_minor) FROM payments p
                          WHERE p.account_id = a.id AND p.paid_on > k.opened_on AND p.paid_on >= \(bind: from) AND p.paid_on <= \(bind: to)
                            AND (k.closed_on IS NULL OR p.paid_on <= k.closed_on)), 0) AS recovered
            FROM worked k JOIN accounts a ON a.customer_id = k.customer_id AND a.currency = k.currency
            WHERE a.written_off_on IS NULL OR a.written_off_on > k.opened_on
        ), case_money AS (
            SELECT case_id, CAST(SUM(entry_overdue) AS BIGINT) AS entry, CAST(SUM(recovered) AS BIGINT) AS recovered
            FROM case_accounts WHERE entry_overdue > 0 GROUP BY case_id
        ), attempts_in AS (
            SELECT t.id, t.customer_id, t.outcome, t.recorded_by, k.id AS case_id, k.currency
            FROM contact_attempts t JOIN worked k ON k.customer_id = t.customer_id
                AND SUBSTR(t.attempted_at, 1, 10) >= k.opened_on AND (k.closed_on IS NULL OR SUBSTR(t.attempted_at, 1, 10) <= k.closed_on)
            WHERE t.attempted_at >= \(bind: from) AND t.attempted_at < \(bind: dayAfter) AND t.outcome <> 'sent'
        ), case_group AS (
            \(caseGroup)
        )

        """
    }

    private var caseGroup: SQLQueryString {
        switch dimension {
        case nil: "SELECT id AS case_id, \(literal: KPIRow.all) AS grp FROM worked"
        case .segment: "SELECT id AS case_id, segment AS grp FROM worked"
        case .cell: "SELECT id AS case_id, cell AS grp FROM worked"
        case .bucket: "SELECT id AS case_id, bucket AS grp FROM worked"
        case .region: "SELECT id AS case_id, region AS grp FROM worked"
        case .product:
            """
            SELECT k.id AS case_id, COALESCE((SELECT ca.product FROM case_accounts ca WHERE ca.case_id = k.id
                ORDER BY ca.entry_overdue DESC, ca.account_id LIMIT 1), '(none)') AS grp FROM worked k
            """
        case .collector, .team:
            """
            SELECT DISTINCT case_id, \(worker("w.worker")) AS grp FROM (
                SELECT a.case_id, a.assigned_to AS worker FROM actions a
                WHERE a.business_date >= \(bind: from) AND a.business_date <= \(bind: to) AND a.assigned_to IS NOT NULL
                UNION SELECT case_id, recorded_by AS worker FROM attempts_in
            ) w
            """
        }
    }

    /// The group of the person in `column`: themself for `collector`, their kind of agent in
    /// `teams.yaml` for `team` (`unknown` when they are not in it).
    private func worker(_ column: String) -> SQLQueryString {
        guard dimension == .team else { return "\(unsafeRaw: column)" }
        guard !agents.isEmpty else { return "'unknown'" }
        var expression: SQLQueryString = "CASE \(unsafeRaw: column)"
        for agent in agents { expression += " WHEN \(bind: agent.id) THEN \(bind: agent.kind.rawValue)" }
        return expression + " ELSE 'unknown' END"
    }

    /// `FROM`-clause joins and the group column for rows of `table` (aliased `alias`) that carry
    /// a case id and, for collector and team, the person in `personColumn`.
    private func grouped(_ alias: String, personColumn: String) -> (join: SQLQueryString, group: SQLQueryString) {
        if dimension == .collector || dimension == .team { return ("", worker("\(alias).\(personColumn)")) }
        return ("JOIN case_group g ON g.case_id = \(unsafeRaw: alias).case_id", "g.grp")
    }

    /// Cases worked and cured, overdue at entry and recovered, and the per-case sums of the
    /// recovery rate's ratio estimate.
    var cases: SQLQueryString {
        commonTableExpressions + """
        SELECT g.grp, k.currency, COUNT(*) AS cases,
            SUM(CASE WHEN k.close_reason = 'cured' AND k.closed_on <= \(bind: to) THEN 1 ELSE 0 END) AS cured,
            CAST(COALESCE(SUM(m.entry), 0) AS BIGINT) AS entry, CAST(COALESCE(SUM(m.recovered), 0) AS BIGINT) AS recovered,
            SUM(CASE WHEN m.entry > 0 THEN 1 ELSE 0 END) AS units,
            COALESCE(SUM(CAST(m.entry AS DOUBLE PRECISION) * CAST(m.entry AS DOUBLE PRECISION)), 0.0) AS xx,
            COALESCE(SUM(CAST(m.recovered AS DOUBLE PRECISION) * CAST(m.recovered AS DOUBLE PRECISION)), 0.0) AS yy,
            COALESCE(SUM(CAST(m.entry AS DOUBLE PRECISION) * CAST(m.recovered AS DOUBLE PRECISION)), 0.0) AS xy
        FROM case_group g JOIN worked k ON k.id = g.case_id LEFT JOIN case_money m ON m.case_id = k.id
        GROUP BY g.grp, k.currency
        """
    }

    /// Promises made in the period and promises settled in it, by how they were settled.
    var promises: SQLQueryString {
        commonTableExpressions + """
        SELECT g.grp, k.currency,
            SUM(CASE WHEN p.promised_on >= \(bind: from) AND p.promised_on <= \(bind: to) THEN 1 ELSE 0 END) AS made,
            SUM(CASE WHEN p.settled_on >= \(bind: from) AND p.settled_on <= \(bind: to) THEN 1 ELSE 0 END) AS settled,
            SUM(CASE WHEN p.settled_on >= \(bind: from) AND p.settled_on <= \(bind: to) AND p.status = 'kept' THEN 1 ELSE 0 END) AS kept,
            SUM(CASE WHEN p.settled_on >= \(bind: from) AND p.settled_on <= \(bind: to) AND p.status = 'partly_kept' THEN 1 ELSE 0 END) AS partly
        FROM promises p JOIN worked k ON k.id = p.case_id JOIN case_group g ON g.case_id = k.id
        GROUP BY g.grp, k.currency
        """
    }

    /// Attempts, right-party contacts and distinct customers contacted.
    var attempts: SQLQueryString {
        let (join, group) = grouped("t", personColumn: "recorded_by")
        return commonTableExpressions + """
        SELECT \(group) AS grp, t.currency, COUNT(*) AS attempts,
            SUM(CASE WHEN t.outcome IN (\(binds: Self.rightPartyOutcomes)) THEN 1 ELSE 0 END) AS rpc,
            COUNT(DISTINCT t.customer_id) AS contacted
        FROM attempts_in t \(join)
        GROUP BY 1, 2
        """
    }

    /// The ratings of the period's attempts.
    var ratings: SQLQueryString {
        let (join, group) = grouped("t", personColumn: "recorded_by")
        return commonTableExpressions + """
        SELECT \(group) AS grp, t.currency, COUNT(*) AS ratings, CAST(SUM(r.rating) AS BIGINT) AS rating_sum,
            SUM(CASE WHEN r.rating >= 4 THEN 1 ELSE 0 END) AS high
        FROM satisfaction_ratings r JOIN attempts_in t ON t.id = r.contact_attempt_id \(join)
        GROUP BY 1, 2
        """
    }

    /// The quality reviews of the period's attempts, by who made the attempt.
    var qualityReviews: SQLQueryString {
        let (join, group) = grouped("t", personColumn: "recorded_by")
        return commonTableExpressions + """
        SELECT \(group) AS grp, t.currency, COUNT(*) AS reviews, CAST(SUM(q.points) AS BIGINT) AS points
        FROM quality_reviews q JOIN attempts_in t ON t.id = q.contact_attempt_id \(join)
        GROUP BY 1, 2
        """
    }

    /// Complaints opened in the period about a worked case.
    var complaints: SQLQueryString {
        commonTableExpressions + """
        SELECT g.grp, k.currency, COUNT(*) AS complaints
        FROM complaints c JOIN worked k ON k.id = c.case_id JOIN case_group g ON g.case_id = k.id
        WHERE c.opened_at >= \(bind: from) AND c.opened_at < \(bind: dayAfter)
        GROUP BY g.grp, k.currency
        """
    }

    /// Work that costs money: messages and letters created and tasks given to someone, by channel.
    var work: SQLQueryString {
        let (join, group) = grouped("a", personColumn: "assigned_to")
        // By person, only their tasks: messages have nobody's name on them.
        let done: SQLQueryString = dimension == .collector || dimension == .team ? "a.assigned_to IS NOT NULL" : "(a.channel IN ('sms', 'email', 'letter') OR a.assigned_to IS NOT NULL)"
        return commonTableExpressions + """
        SELECT \(group) AS grp, k.currency, a.channel, COUNT(*) AS n
        FROM actions a JOIN worked k ON k.id = a.case_id \(join)
        WHERE a.business_date >= \(bind: from) AND a.business_date <= \(bind: to) AND a.status = 'created' AND \(done)
        GROUP BY 1, 2, 3
        """
    }

    /// The portfolio's overdue and outstanding on the last business date of the period with
    /// bucket totals; nil for dimensions the totals are not kept by.
    var delinquency: SQLQueryString? {
        let group: String
        switch dimension {
        case nil: group = "'\(KPIRow.all)'"
        case .product: group = "product"
        case .bucket: group = "bucket"
        default: return nil
        }
        return """
        SELECT \(unsafeRaw: group) AS grp, currency, CAST(SUM(overdue_minor) AS BIGINT) AS overdue, CAST(SUM(outstanding_minor) AS BIGINT) AS outstanding
        FROM bucket_totals
        WHERE business_date = (SELECT MAX(business_date) FROM bucket_totals WHERE business_date >= \(bind: from) AND business_date <= \(bind: to))
        GROUP BY 1, 2
        """
    }
}
